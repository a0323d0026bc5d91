//! The simulation's random numbers: SplitMix64 (Steele, Lea and Flood,
//! "Fast Splittable Pseudorandom Number Generators", 2014), written here
//! rather than taken from a crate so that a seed gives the same runs in
//! every version of Ravel.

/// A generator for one run.
pub struct Rng(u64);

impl Rng {
    /// The generator of run `run` of the simulation seeded with `seed`.
    pub fn for_run(seed: u64, run: u64) -> Rng {
        let mut mixer = Rng(seed ^ run.wrapping_mul(0xd1b5_4a32_d192_ed03));
        Rng(mixer.next() ^ run)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn a_run_is_a_function_of_the_seed_and_its_number() {
        let draw = |seed, run| {
            let mut rng = Rng::for_run(seed, run);
            (0..4).map(|_| rng.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7, 3), draw(7, 3));
        assert_ne!(draw(7, 3), draw(7, 4));
        assert_ne!(draw(7, 3), draw(8, 3));
        // Fixed forever: a seed printed by one version reproduces in the next.
        let mut first = Rng::for_run(0, 0);
        assert_eq!(first.next(), 0xa706_dd2f_4d19_7e6f);
        assert_eq!(first.next(), 0xb382_a305_f441_4f5e);
        assert_eq!(Rng::for_run(42, 7).next(), 0xf81b_36ee_a150_d484);
        let mut rng = Rng::for_run(1, 0);
        assert!((0..1000).all(|_| rng.below(3) < 3));
    }
}
