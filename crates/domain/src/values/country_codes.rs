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
