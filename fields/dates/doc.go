// Package dates reads a calendar day as documents write it, in English,
// Spanish, French, German and Dutch: numeric forms (10/14/2026,
// 14.10.2026, 2026-10-14, 09/15/26) and written ones ("Sep 06, 2026",
// "18 October 2026", "1 de marzo de 2022", "5. März 2013",
// "lundi 5 mars 2013", "NOV 13 2026").
//
// Parsing is strict: the whole text must be one date, with a day, a
// month and a year and nothing else but a weekday, an ordinal suffix and
// the small words languages put between the parts ("de", "of"). A text
// that leaves a part out is no date, so the clock never fills one in.
//
// Month and weekday names are github.com/goodsign/monday's locale
// tables (CLDR forms), copied into locales and pinned to monday's by a
// test, rather than
// from go-dateparser, whose package initialisation compiles about 4,500
// regular expressions for 200 languages (150-390 ms and 95 MB before a
// process does anything); the grammar here is the small part of its
// work the readers need. Names match with and without accents and a
// trailing period, and by any prefix of three letters or more that only
// one month of the language (or of English, which every document may
// use) starts with ("Sept", "Mrz" is listed).
package dates
