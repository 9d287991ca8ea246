//! The country calling codes of ITU-T E.164 (list of assigned codes, Annex to the ITU Operational
//! Bulletin), so a phone number can be checked without a network lookup.
//!
//! Only codes that reach a person's phone are listed: geographic codes and the global mobile and
//! satellite networks (870 Inmarsat, 881 GMSS, 882 and 883 international networks). Freephone
//! (800), shared-cost (808), premium-rate (979), UPT (878), OCHA (888) and trial (991) codes are
//! left out: nobody's own phone number starts with them. Spare and withdrawn codes (e.g. 259,
//! 384, 388, 671, 684, 969) are left out too.
//!
//! E.164 codes form a prefix code: no assigned code is the beginning of another, so reading one,
//! two, then three digits finds the code without ambiguity (a test checks this table keeps it so).

/// Inclusive ranges of assigned codes, in increasing order.
const ASSIGNED: &[(u16, u16)] = &[
    (1, 1),     // North American Numbering Plan
    (7, 7),     // Russia, Kazakhstan
    (20, 20),   // Egypt
    (27, 27),   // South Africa
    (30, 34),   // Greece, Netherlands, Belgium, France, Spain
    (36, 36),   // Hungary
    (39, 39),   // Italy, Vatican
    (40, 41),   // Romania, Switzerland
    (43, 49),   // Austria, UK, Denmark, Sweden, Norway, Poland, Germany
    (51, 58),   // Peru … Venezuela
    (60, 66),   // Malaysia … Thailand
    (81, 82),   // Japan, South Korea
    (84, 84),   // Viet Nam
    (86, 86),   // China
    (90, 95),   // Türkiye, India, Pakistan, Afghanistan, Sri Lanka, Myanmar
    (98, 98),   // Iran
    (211, 213), // South Sudan, Morocco, Algeria
    (216, 216), // Tunisia
    (218, 218), // Libya
    (220, 258), // Gambia … Mozambique
    (260, 269), // Zambia … Comoros
    (290, 291), // Saint Helena, Eritrea
    (297, 299), // Aruba, Faroe Islands, Greenland
    (350, 359), // Gibraltar … Bulgaria
    (370, 383), // Lithuania … Kosovo
    (385, 387), // Croatia, Slovenia, Bosnia and Herzegovina
    (389, 389), // North Macedonia
    (420, 421), // Czechia, Slovakia
    (423, 423), // Liechtenstein
    (500, 509), // Falkland Islands … Haiti
    (590, 599), // Guadeloupe … Curaçao and the Caribbean Netherlands
    (670, 670), // Timor-Leste
    (672, 683), // Australian External Territories … Niue
    (685, 692), // Samoa … Marshall Islands
    (850, 850), // DPR Korea
    (852, 853), // Hong Kong, Macao
    (855, 856), // Cambodia, Laos
    (870, 870), // Inmarsat
    (880, 883), // Bangladesh, GMSS, international networks
    (886, 886), // Taiwan
    (960, 968), // Maldives … Oman
    (970, 977), // Palestine … Nepal
    (992, 998), // Tajikistan … Uzbekistan (997: Kazakhstan's new code)
];

fn is_assigned(code: u16) -> bool {
    ASSIGNED
        .iter()
        .any(|&(low, high)| (low..=high).contains(&code))
}

/// The country calling code that `digits` (the number without its `+`) starts with, if any.
pub(crate) fn country_code_of(digits: &str) -> Option<u16> {
    (1..=3).filter_map(|n| digits.get(..n)).find_map(|prefix| {
        let code = prefix.parse::<u16>().ok()?;
        (!prefix.starts_with('0') && is_assigned(code)).then_some(code)
    })
}

/// How many digits a country code has.
pub(crate) fn code_length(code: u16) -> usize {
    match code {
        0..=9 => 1,
        10..=99 => 2,
        _ => 3,
    }
}

/// What a `0` written right after the country code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZeroAfterCode {
    /// The trunk prefix dialled at home (`+44 (0)20 7946 0958`, `+44 020 …`), or a slip where
    /// the country has none: no number there starts with 0, so it is left out.
    Trunk,
    /// The first digit of the number itself, as in Italy (`+39 06 1234 5678`): kept.
    Number,
    /// Either, as in Rwanda (trunk prefix 0, yet some fixed lines start with 06): a trunk prefix
    /// when written in parentheses, `(0)`, as the convention has it, part of the number otherwise.
    NumberUnlessParenthesised,
}

/// The countries where a 0 after the country code can be part of the number, and whether they
/// also dial a trunk prefix 0 at home (libphonenumber's numbering plans, which the tests check
/// this table against). Where there is a trunk prefix 0, only a person's own number (fixed line,
/// mobile, VoIP, personal, pager) starting with 0 counts: Japan's, Korea's or India's freephone
/// numbers that start with 00 do not make their trunk 0 ambiguous. In every other country, no
/// number starts with 0, so a 0 there is a trunk prefix (or a slip).
const NUMBERS_STARTING_WITH_ZERO: &[(u16, bool)] = &[
    (39, false),  // Italy, Vatican: 06 Rome, 02 Milan…
    (47, false),  // Norway: 0x company numbers
    (225, false), // Côte d'Ivoire: mobiles 01, 05, 07
    (226, false), // Burkina Faso: mobiles 01 to 07
    (227, false), // Niger: 08 freephone, 09 premium
    (229, false), // Benin: its 10-digit numbers since 2024, 01…
    (241, false), // Gabon: 011 fixed lines, 02 to 07 mobiles
    (242, false), // Republic of the Congo: mobiles 02, 04, 05, 06
    (247, false), // Ascension: 0x company numbers
    (250, true),  // Rwanda: 06 fixed lines, and trunk prefix 0
    (267, false), // Botswana: 0800 freephone
    (268, false), // Eswatini: 0800 freephone
    (378, false), // San Marino: 0549 fixed lines
    (501, false), // Belize: 0800 freephone
    (507, false), // Panama: 00800 freephone
    (676, false), // Tonga: 0800 freephone
    (679, false), // Fiji: 0800 freephone
    (687, false), // New Caledonia: 050 freephone
    (853, false), // Macao: 0800 freephone
    (974, false), // Qatar: 00800 freephone
    (992, false), // Tajikistan: mobiles 0x
];

/// What a 0 right after country code `code` is.
pub(crate) fn zero_after_code(code: u16) -> ZeroAfterCode {
    match NUMBERS_STARTING_WITH_ZERO.iter().find(|&&(c, _)| c == code) {
        None => ZeroAfterCode::Trunk,
        Some((_, false)) => ZeroAfterCode::Number,
        Some((_, true)) => ZeroAfterCode::NumberUnlessParenthesised,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn no_assigned_code_is_the_start_of_another() {
        let codes: Vec<u16> = ASSIGNED
            .iter()
            .flat_map(|&(low, high)| low..=high)
            .collect();
        for &a in &codes {
            for &b in &codes {
                let (a_text, b_text) = (a.to_string(), b.to_string());
                assert!(
                    a == b || !b_text.starts_with(&a_text),
                    "{a} is a prefix of {b}"
                );
            }
        }
        assert!(
            ASSIGNED.windows(2).all(|w| w[0].1 < w[1].0),
            "ranges sorted and disjoint"
        );
    }

    #[test]
    fn the_code_is_read_from_the_start_of_the_number() {
        assert_eq!(country_code_of("15550100000"), Some(1));
        assert_eq!(country_code_of("33612345678"), Some(33));
        assert_eq!(country_code_of("35312345678"), Some(353));
        assert_eq!(country_code_of("97150123456"), Some(971));
        assert_eq!(country_code_of("8613800000000"), Some(86));
    }

    #[test]
    fn a_zero_after_the_code_is_a_trunk_prefix_except_where_numbers_start_with_zero() {
        assert_eq!(zero_after_code(44), ZeroAfterCode::Trunk);
        assert_eq!(zero_after_code(1), ZeroAfterCode::Trunk);
        assert_eq!(zero_after_code(39), ZeroAfterCode::Number);
        assert_eq!(
            zero_after_code(250),
            ZeroAfterCode::NumberUnlessParenthesised
        );
        assert!(
            NUMBERS_STARTING_WITH_ZERO
                .windows(2)
                .all(|w| w[0].0 < w[1].0)
                && NUMBERS_STARTING_WITH_ZERO
                    .iter()
                    .all(|&(code, _)| is_assigned(code)),
            "sorted, and assigned codes"
        );
        assert_eq!(
            [1, 44, 353, 999].map(code_length),
            [1, 2, 3, 3],
            "digits of a code"
        );
    }

    #[test]
    fn spare_and_non_personal_codes_are_unknown() {
        for digits in [
            "28012345678",
            "80012345678",
            "38412345678",
            "2591234567",
            "0123456789",
        ] {
            assert_eq!(country_code_of(digits), None, "{digits}");
        }
    }
}
