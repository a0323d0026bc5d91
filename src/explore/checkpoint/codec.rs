//! The checkpoint file's encoding: little-endian integers and
//! length-prefixed text, with a running checksum over everything written,
//! stored at the end and checked when read.

use std::io::{self, Read, Write};

/// Mix a word into a running checksum.
fn mix(sum: u64, word: u64) -> u64 {
    (sum.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// FNV-1a over bytes (the spec text's hash).
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Little-endian output with a running checksum.
pub struct Writer<W: Write> {
    out: W,
    sum: u64,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Writer<W> {
        Writer { out, sum: 0 }
    }

    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.sum = bytes.iter().fold(self.sum, |s, &b| mix(s, u64::from(b)));
        self.out.write_all(bytes)
    }

    pub fn u32(&mut self, v: u32) -> io::Result<()> {
        self.sum = mix(self.sum, u64::from(v));
        self.out.write_all(&v.to_le_bytes())
    }

    pub fn u64(&mut self, v: u64) -> io::Result<()> {
        self.sum = mix(self.sum, v);
        self.out.write_all(&v.to_le_bytes())
    }

    pub fn text(&mut self, s: &str) -> io::Result<()> {
        self.u32(s.len() as u32)?;
        self.raw(s.as_bytes())
    }

    /// Write the checksum; gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        let sum = self.sum;
        self.u64(sum)?;
        Ok(self.out)
    }
}

/// Little-endian input with the same running checksum.
pub struct Reader<R: Read> {
    input: R,
    sum: u64,
    /// The file's size: no count of items may need more bytes.
    size: u64,
}

impl<R: Read> Reader<R> {
    /// A reader of a file of `size` bytes.
    pub fn new(input: R, size: u64) -> Reader<R> {
        Reader {
            input,
            sum: 0,
            size,
        }
    }

    pub fn raw(&mut self, bytes: &mut [u8]) -> io::Result<()> {
        self.input.read_exact(bytes)?;
        self.sum = bytes.iter().fold(self.sum, |s, &b| mix(s, u64::from(b)));
        Ok(())
    }

    pub fn u32(&mut self) -> io::Result<u32> {
        let mut b = [0u8; 4];
        self.input.read_exact(&mut b)?;
        let v = u32::from_le_bytes(b);
        self.sum = mix(self.sum, u64::from(v));
        Ok(v)
    }

    pub fn u64(&mut self) -> io::Result<u64> {
        let mut b = [0u8; 8];
        self.input.read_exact(&mut b)?;
        let v = u64::from_le_bytes(b);
        self.sum = mix(self.sum, v);
        Ok(v)
    }

    /// A count of items of `bytes` bytes each, which the file can hold.
    pub fn count(&mut self, bytes: u64) -> io::Result<usize> {
        let n = self.u64()?;
        if n.checked_mul(bytes.max(1))
            .is_none_or(|total| total > self.size)
        {
            return Err(io::ErrorKind::InvalidData.into());
        }
        Ok(n as usize)
    }

    pub fn text(&mut self) -> io::Result<String> {
        let len = self.u32()? as usize;
        if len as u64 > self.size {
            return Err(io::ErrorKind::InvalidData.into());
        }
        let mut bytes = vec![0u8; len];
        self.raw(&mut bytes)?;
        String::from_utf8(bytes).map_err(|_| io::ErrorKind::InvalidData.into())
    }

    /// Whether the checksum that follows is right and nothing comes after.
    pub fn finish(&mut self) -> io::Result<bool> {
        let sum = self.sum;
        let stored = self.u64()?;
        let mut rest = [0u8; 1];
        Ok(stored == sum && self.input.read(&mut rest)? == 0)
    }
}
