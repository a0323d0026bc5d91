//! Bit fields in `u64` words: the primitive reads and writes of the state
//! layout (`codec.rs`) and of the fast evaluator, on packed states and on
//! wide values (bit strings of several words). Fields may straddle a word
//! boundary; widths of single reads and writes are at most 64 bits.

/// A mask of the low `width` bits (`width` <= 64).
#[inline]
pub fn mask(width: u32) -> u64 {
    if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    }
}

/// Read `width` (at most 64) bits starting at bit `at`.
#[inline]
pub fn read(words: &[u64], at: u64, width: u32) -> u64 {
    if width == 0 {
        return 0;
    }
    let word = (at / 64) as usize;
    let shift = (at % 64) as u32;
    let mut bits = words[word] >> shift;
    if shift + width > 64 {
        bits |= words[word + 1] << (64 - shift);
    }
    bits & mask(width)
}

/// Overwrite `width` (at most 64) bits at bit `at` with `value` (whose
/// higher bits must be zero).
#[inline]
pub fn write(words: &mut [u64], at: u64, width: u32, value: u64) {
    if width == 0 {
        return;
    }
    let word = (at / 64) as usize;
    let shift = (at % 64) as u32;
    let m = mask(width);
    words[word] = (words[word] & !(m << shift)) | (value << shift);
    if shift + width > 64 {
        let hi = 64 - shift;
        words[word + 1] = (words[word + 1] & !(m >> hi)) | (value >> hi);
    }
}

/// Whether bit `at` is set.
#[inline]
pub fn test(words: &[u64], at: u64) -> bool {
    words[(at / 64) as usize] >> (at % 64) & 1 == 1
}

/// Set bit `at`.
#[inline]
pub fn set(words: &mut [u64], at: u64) {
    words[(at / 64) as usize] |= 1 << (at % 64);
}

/// Copy `width` bits from `src` at bit `from` to `dst` at bit `to`.
pub fn copy(src: &[u64], from: u64, dst: &mut [u64], to: u64, width: u64) {
    let mut done = 0;
    while done < width {
        let n = (width - done).min(64) as u32;
        write(dst, to + done, n, read(src, from + done, n));
        done += u64::from(n);
    }
}

/// Copy `width` bits starting at bit `from` of `src` into the words `dst`
/// (starting at bit 0; the bits of `dst` past `width` are zeroed).
pub fn extract(src: &[u64], from: u64, width: u64, dst: &mut [u64]) {
    if from.is_multiple_of(64) {
        let start = (from / 64) as usize;
        let n = dst.len();
        dst.copy_from_slice(&src[start..start + n]);
    } else {
        for (i, word) in dst.iter_mut().enumerate() {
            let at = from + i as u64 * 64;
            let left = width.saturating_sub(i as u64 * 64).min(64) as u32;
            *word = read(src, at, left);
        }
    }
    clear_tail(dst, width);
}

/// Zero the bits of `words` at and past `width`.
pub fn clear_tail(words: &mut [u64], width: u64) {
    for (i, word) in words.iter_mut().enumerate() {
        let start = i as u64 * 64;
        if start >= width {
            *word = 0;
        } else if width - start < 64 {
            *word &= mask((width - start) as u32);
        }
    }
}

/// `dst = src` for equal lengths, without a `memcpy` call for the common
/// one-word state.
#[inline]
pub fn copy_words(dst: &mut [u64], src: &[u64]) {
    match (dst, src) {
        ([d], [s]) => *d = *s,
        (dst, src) => dst.copy_from_slice(src),
    }
}

/// Append `src` to `dst`, without a `memcpy` call for one word.
#[inline]
pub fn push_words(dst: &mut Vec<u64>, src: &[u64]) {
    match src {
        [s] => dst.push(*s),
        src => dst.extend_from_slice(src),
    }
}

/// Words needed for `width` bits.
pub fn words_for(width: u64) -> usize {
    width.div_ceil(64) as usize
}

/// Call `f` with the index of every set bit of `words`, lowest first,
/// until it returns `false`. Returns `false` if stopped.
#[inline]
pub fn each_one<E>(words: &[u64], mut f: impl FnMut(u64) -> Result<bool, E>) -> Result<bool, E> {
    for (i, &w) in words.iter().enumerate() {
        let mut w = w;
        while w != 0 {
            let bit = w.trailing_zeros();
            w &= w - 1;
            if !f(i as u64 * 64 + u64::from(bit))? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_straddle_word_boundaries() {
        let mut w = [0u64; 3];
        write(&mut w, 60, 10, 0b11_0110_1101);
        assert_eq!(read(&w, 60, 10), 0b11_0110_1101);
        assert_eq!(w[0] >> 60, 0b1101);
        assert_eq!(w[1], 0b11_0110);
        // Overwrite clears the old bits.
        write(&mut w, 60, 10, 1);
        assert_eq!(read(&w, 60, 10), 1);
        assert_eq!(w[1], 0);
        write(&mut w, 64, 64, u64::MAX);
        assert_eq!(read(&w, 64, 64), u64::MAX);
        assert_eq!(read(&w, 60, 4), 1);
        assert_eq!(w[2], 0);
        write(&mut w, 0, 0, 0);
        assert_eq!(read(&w, 5, 0), 0);
    }

    #[test]
    fn wide_copies_and_extracts() {
        let src = [0xdead_beef_0123_4567u64, 0x89ab_cdef_f0f0_0f0f, 0x1];
        let mut dst = [0u64; 3];
        copy(&src, 0, &mut dst, 3, 129);
        let mut back = [0u64; 3];
        extract(&dst, 3, 129, &mut back);
        assert_eq!(back, src);
        let mut part = [u64::MAX; 2];
        extract(&src, 4, 70, &mut part);
        assert_eq!(part[0], src[0] >> 4 | src[1] << 60);
        assert_eq!(part[1], (src[1] >> 4) & mask(6));
    }

    #[test]
    fn set_bits_are_visited_in_order() {
        let mut w = [0u64; 3];
        for b in [3, 64, 70, 130] {
            set(&mut w, b);
        }
        assert!(test(&w, 70) && !test(&w, 71));
        let mut seen = Vec::new();
        let all = each_one::<()>(&w, |b| {
            seen.push(b);
            Ok(b < 70)
        });
        assert_eq!(all, Ok(false));
        assert_eq!(seen, [3, 64, 70]);
        clear_tail(&mut w, 70);
        assert_eq!(w, [1 << 3, 1, 0]);
        assert_eq!(words_for(135), 3);
    }
}
