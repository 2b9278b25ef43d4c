// Package address parses US service addresses into the components
// carriers compare (house number, directionals, street name, suffix,
// unit, city, state, ZIP) and standardises them after USPS Publication
// 28, so "1200 North Main Street, Suite 300" and "1200 N MAIN ST STE 300"
// are seen to differ only by abbreviation.
//
// Edge cases:
//   - Two-suffix rule: only the last suffix word is the suffix ("PARK
//     AVENUE" is street PARK, suffix AVE); a street with no suffix
//     ("AVENUE OF THE AMERICAS") keeps every word in its name.
//   - ZIP+4 is compared only when both sides print it: most bills and
//     orders carry only the five digits, and carriers match on those.
//   - "#" is a unit designator only when no other is given; "# 4" and
//     "APT 4" differ by abbreviation.
//   - Parsing is lenient: what cannot be placed stays in the street name,
//     so a comparison still sees it.
package address
