//! Memory sizes: the `--memory` budget (parsing, the default from the
//! machine's RAM), the process's peak resident size, and sizes as text.
//!
//! Reads `/proc/meminfo` and `/proc/self/status` (Linux); elsewhere there
//! is no default budget and no peak figure.

/// The default budget: this share of the physical memory.
pub const DEFAULT_SHARE: f64 = 0.75;

/// The smallest budget accepted: below this not even the first level's
/// buffers fit, so a search could not start.
pub const MIN_BUDGET: u64 = 1 << 20;

/// The largest budget accepted (1 PiB); anything larger is a typo.
pub const MAX_BUDGET: u64 = 1 << 50;

/// Parse a size: a number with an optional unit, `KB`/`MB`/`GB`/`TB`
/// (powers of 1000), `KiB`/`MiB`/`GiB`/`TiB` (powers of 1024), `K`/`M`/`G`/`T`
/// (taken as binary), `B` for bytes; a bare number is MiB (`--memory 512`).
/// E.g. `400MB`, `2GiB`, `1.5G`. Sizes below [`MIN_BUDGET`] or above
/// [`MAX_BUDGET`] are refused.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("expected a size such as 400MB or 2GiB, found `{text}`"))?;
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "tb" => 1e12,
        "k" | "kib" => 1024.0,
        "" | "m" | "mib" => 1024f64.powi(2),
        "g" | "gib" => 1024f64.powi(3),
        "t" | "tib" => 1024f64.powi(4),
        _ => {
            return Err(format!(
                "unknown size unit `{unit}` (use B, MB, GB, MiB, GiB)"
            ));
        }
    };
    let bytes = number * scale;
    if !bytes.is_finite() || bytes > MAX_BUDGET as f64 {
        return Err(format!("the size `{text}` is too large (at most 1 PiB)"));
    }
    if bytes < MIN_BUDGET as f64 {
        return Err(format!(
            "the size `{text}` is too small: the budget must be at least 1 MiB (a bare number is MiB)"
        ));
    }
    Ok(bytes as u64)
}

/// Physical memory in bytes (`MemTotal` in `/proc/meminfo`).
pub fn physical() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    kib_field(&text, "MemTotal:")
}

/// The default budget: [`DEFAULT_SHARE`] of the physical memory.
pub fn default_budget() -> Option<u64> {
    physical().map(|total| (total as f64 * DEFAULT_SHARE) as u64)
}

/// The process's peak resident set size in bytes (`VmHWM`).
pub fn peak_rss() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    kib_field(&text, "VmHWM:")
}

/// The process's resident set size now, in bytes (`VmRSS`).
pub fn current_rss() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    kib_field(&text, "VmRSS:")
}

/// A `NAME:   1234 kB` line's value in bytes.
fn kib_field(text: &str, name: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line[name.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// A size for people: `812 B`, `3.4 MiB`, `2.0 GiB`.
pub fn show_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("400MB"), Ok(400_000_000));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("4096B"), Err("the size `4096B` is too small: the budget must be at least 1 MiB (a bare number is MiB)".to_string()));
        assert_eq!(parse_size("512"), Ok(512 << 20));
        assert_eq!(parse_size("1"), Ok(1 << 20));
        assert_eq!(parse_size(" 1024 kib "), Ok(1 << 20));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("10 parsecs").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("0MB").is_err());
        assert_eq!(
            parse_size("1PiB"),
            Err("unknown size unit `PiB` (use B, MB, GB, MiB, GiB)".to_string())
        );
        assert_eq!(
            parse_size("2000TiB"),
            Err("the size `2000TiB` is too large (at most 1 PiB)".to_string())
        );
        assert!(parse_size("99999999999999999999999999999").is_err());
    }

    #[test]
    fn sizes_show_in_binary_units() {
        assert_eq!(show_bytes(812), "812 B");
        assert_eq!(show_bytes(3 << 20), "3.0 MiB");
        assert_eq!(show_bytes(2 << 30), "2.0 GiB");
    }

    #[test]
    fn proc_fields_are_read() {
        let status = "Name:\travel\nVmHWM:\t   2048 kB\n";
        assert_eq!(kib_field(status, "VmHWM:"), Some(2 << 20));
        assert_eq!(kib_field(status, "VmRSS:"), None);
        if cfg!(target_os = "linux") {
            assert!(physical().is_some_and(|b| b > 1 << 20));
            assert!(peak_rss().is_some_and(|b| b > 0));
        }
    }
}
