// Package address parses US service addresses into the components that
// carriers compare (house number, directionals, street name, suffix,
// secondary unit, city, state, ZIP) and standardises them after USPS
// Publication 28, so "1200 North Main Street, Suite 300" and "1200 N MAIN
// ST STE 300" are seen to differ only by abbreviation. It owns the Pub 28
// tables (tables.go), PO Box detection (IsPOBox) and the component-wise
// comparison (Compare), which classifies with package compare.
//
// Each component keeps its text as written beside its standard form:
// Compare classifies the written forms (so "Main" / "MAIN" is case) and
// lets standardisation turn a remaining difference into abbreviation (so
// "Street" / "ST" is abbreviation, which SPEC makes a warning).
//
// Edge cases and why:
//   - Two-suffix rule: only the last suffix word is the suffix ("PARK
//     AVENUE" is street PARK, suffix AVE), as Pub 28 says; a street whose
//     last word is no suffix ("AVENUE OF THE AMERICAS") keeps every word in
//     its name. Street and city names still compare with suffix words
//     standardised, so "COUNTY ROAD 12" / "COUNTY RD 12" is abbreviation.
//   - ZIP+4 is compared only when both sides have it: most orders and many
//     bills carry only five digits, carriers match on those, and a missing
//     +4 says nothing about the address.
//   - "#" is the unit designator only when none is written; "#4" and "APT
//     4" differ by abbreviation (Pub 28 C2).
//   - A comma or line break between components is structure, not
//     punctuation: bills break lines where orders split fields. Spacing
//     inside the address (a double space) is whitespace.
//   - A house number spelled out ("One Main Plaza") is filed in figures.
//   - A line above the street line with no number (a name, "Attn:") is
//     dropped; a unit line written first ("Suite 300") is kept.
//   - Without commas or line breaks the city starts after the unit, else
//     after the first abbreviated suffix (ST, AVE), else after the last
//     suffix word: spelled suffixes come last because city names hold them
//     (FORT WORTH).
//   - Parsing is lenient and never panics: what it cannot place stays in
//     Street, so a comparison still sees it (a foreign address is one long
//     street). Accents are not folded (see package compare).
package address
