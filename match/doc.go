// Package match owns the rules: what a carrier would reject or warn
// about in an order. It compares an order with a profile
// (OrderFindings), with the other orders of the same run or service
// (AlreadyPorting, PortingConflicts), and with what the order's
// documents say (DocumentFindings). It decides findings; reading the
// documents, sorting the findings and setting the verdict are left to
// the packages before and after it.
//
// Every finding names the order's field by its JSON path ("numbers[1]",
// "service_address.line1", "new_btn"), says what was found and expected
// where that means something, and carries a fix that names the value or
// the action ("Remove +12175550100 from numbers[2]; it is already
// numbers[0]."). Severities start from the catalog (report.New) and the
// profile may change them (profile.Severity). No finding ever carries a
// PIN: the rules only ask whether one was given (order.Line.HasPIN).
//
// The order rules are a slice of small functions (orderRules), one per
// code or pair of codes, each deciding from the order, its parsed lines
// and the profile alone.
//
// The date rules (the requested date's window, each document's age) are
// the only ones that read the as-of date, and they read the documents
// only through Dated: each document's date as read and where it stood.
// UndatedFindings and Dated.Findings together are OrderFindings and
// DocumentFindings; their codes (DateCodes) are made by nothing else.
// So a report made as of one day is made for another by replacing its
// findings of DateCodes with Dated.Findings of that day, without the
// documents (pipeline.RedateFindings), and Dated.NextChange is the
// first day that could change them.
//
// Defaults and edge cases:
//   - Numbers are compared in E.164, so "(217) 555-0100" and
//     "+1 217 555 0100" are one number, in one order (DUPLICATE_NUMBER)
//     and across orders (NUMBER_ALREADY_PORTING). Numbers without a
//     country code are read in the service address's country, else US.
//   - NANP numbers are rarely typed by the numbering plan: fixed and
//     mobile lines share area codes, so a US number's type is what the
//     order declares, except toll-free (800, 833, 844, 855, 866, 877,
//     888), which the prefix shows. WIRELESS_PIN_MISSING therefore fires
//     for NANP numbers only when the order says "wireless", and for other
//     countries also when the plan shows a mobile range. An unknown type
//     is never refused by a profile's number types.
//   - A PO Box is any spelled-out box ("PO Box", "P.O. Box", "Post
//     Office Box", with or without its number), "POB 12", "PMB 12", a lock
//     box, or a line that is only "Box 1234"; street names that contain
//     the words ("Boxwood Rd", "123 Box Elder St", "Post Oak Blvd",
//     "Pobox Ln") and rural-route boxes ("RR 2 Box 45") are not.
//   - A requested date must be a business day at least the profile's
//     business days and calendar days after as-of, and at most its
//     maximum days after (3 business days and 30 days unless the profile
//     says otherwise). "n business days after" never counts as-of
//     itself. Business days exclude Saturdays, Sundays and the US federal
//     holidays of 5 U.S.C. 6103 on their observed days: a holiday on a
//     Saturday is observed the Friday before, on a Sunday the Monday
//     after; Juneteenth counts from 2021. FederalHolidays lists the days
//     off that fall within a year, so New Year's Day on a Saturday
//     (2028) is observed on December 31st and listed in the year before.
//     Inauguration Day, a holiday only around Washington, is not counted.
//   - A document value is compared exactly first; the difference class
//     is the least normalisation that makes the two equal (package
//     compare), and the profile decides what each class costs.
package match
