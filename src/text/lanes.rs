//! Eight bytes of text at a time in a `u64` (SIMD within a register), for the scans that look at
//! every byte: finding what normalisation may change, and where a match may start.
//!
//! A `u64` holds eight bytes little-endian, so the byte at the lowest address is the lowest
//! byte. The tests answer with a *mask*: the high bit of each byte that passes, nothing else.

/// The high bit of every byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The low seven bits of every byte of a `u64`.
const LOW_BITS: u64 = !HIGH_BITS;

/// `0x01` in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Eight bytes of `bytes` from `start`, zero after the end.
#[inline]
pub(crate) fn lanes_at(bytes: &[u8], start: usize) -> u64 {
    match bytes.get(start..start + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut eight = [0; 8];
            let rest = &bytes[start.min(bytes.len())..];
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(eight)
        }
    }
}

/// The bytes of `lanes` that equal `byte` (an ASCII byte).
#[inline]
pub(crate) fn equal(lanes: u64, byte: u8) -> u64 {
    debug_assert!(byte.is_ascii());
    let diff = lanes ^ (ONES * u64::from(byte));
    // A byte of `diff` is zero exactly when adding 0x7F to its low seven bits sets no high bit
    // and its own high bit is clear; no carry crosses bytes.
    !((diff & LOW_BITS).wrapping_add(LOW_BITS) | diff | LOW_BITS)
}

/// The bytes of `lanes` in `low..=high` (ASCII bytes; a non-ASCII byte never passes).
#[inline]
fn in_range(lanes: u64, low: u8, high: u8) -> u64 {
    debug_assert!(low <= high && high.is_ascii());
    // With the high bits cleared, adding at most 0x80 to a byte cannot carry into the next.
    let seven = lanes & LOW_BITS;
    let at_least_low = seven + ONES * u64::from(0x80 - low);
    let above_high = seven + ONES * u64::from(0x7F - high);
    at_least_low & !above_high & !lanes & HIGH_BITS
}

/// The bytes of `lanes` that are ASCII letters.
#[inline]
pub(crate) fn ascii_letters(lanes: u64) -> u64 {
    in_range(lanes | (ONES * 0x20), b'a', b'z')
}

/// The bytes of `lanes` that are ASCII letters or digits.
#[inline]
pub(crate) fn ascii_alphanumeric(lanes: u64) -> u64 {
    in_range(lanes, b'0', b'9') | ascii_letters(lanes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mask a test gives for eight copies of `byte`, as a bool.
    fn passes(test: impl Fn(u64) -> u64, byte: u8) -> bool {
        let mask = test(ONES * u64::from(byte));
        assert!(mask == 0 || mask == HIGH_BITS, "{byte:#x}: {mask:#x}");
        mask == HIGH_BITS
    }

    #[test]
    fn tests_agree_with_the_byte_methods_for_every_byte() {
        for byte in 0..=u8::MAX {
            assert_eq!(
                passes(ascii_alphanumeric, byte),
                byte.is_ascii_alphanumeric(),
                "{byte:#x}"
            );
            assert_eq!(
                passes(ascii_letters, byte),
                byte.is_ascii_alphabetic(),
                "{byte:#x}"
            );
            for target in [b'\t', b'\n', b'\r', b' ', b'A', 0x7F] {
                assert_eq!(
                    passes(|l| equal(l, target), byte),
                    byte == target,
                    "{byte:#x}"
                );
            }
        }
    }

    #[test]
    fn lanes_are_independent() {
        let lanes = u64::from_le_bytes(*b"a1 \xC3\xA9Z\r\x00");
        assert_eq!(ascii_alphanumeric(lanes), 0x0000_8000_0000_8080);
        assert_eq!(equal(lanes, b'\r'), 0x0080_0000_0000_0000);
        assert_eq!(equal(lanes, b' '), 0x0000_0000_0080_0000);
        assert_eq!(lanes_at(b"abc", 1), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
        assert_eq!(lanes_at(b"abc", 3), 0);
    }
}
