// Package order owns the port-in order as an intake service submits it
// (SPEC section 1): strict decoding, validation of its shape, and the
// normalisation of its telephone numbers to E.164 with
// github.com/nyaruka/phonenumbers.
//
// Decoding is strict because a typo in a field name must never drop data
// silently: an unknown field, a wrong JSON type or trailing data is a
// *FieldError naming the field. Shape problems that make the order
// meaningless (no numbers, an unknown document kind, a date that is not
// YYYY-MM-DD) are FieldErrors too. Problems a carrier would reject but that
// leave the order readable (an invalid number, a PO Box) are not errors
// here: they are findings, decided by package match.
//
// PINs are held in Secret, whose every printing and JSON form is redacted,
// so a PIN cannot reach a log line, a report or an error by accident.
//
// Defaults: full_port is true when absent; a number's region defaults to
// the service address's country, else US.
package order
