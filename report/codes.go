package report

import "maps"

// Code is a stable finding code (SPEC section 3).
type Code string

const (
	NameMismatch              Code = "NAME_MISMATCH"
	AddressMismatch           Code = "ADDRESS_MISMATCH"
	AccountNumberMismatch     Code = "ACCOUNT_NUMBER_MISMATCH"
	BTNMismatch               Code = "BTN_MISMATCH"
	NumberNotOnBill           Code = "NUMBER_NOT_ON_BILL"
	NumberNotOnLOA            Code = "NUMBER_NOT_ON_LOA"
	CarrierMismatch           Code = "CARRIER_MISMATCH"
	BillMissing               Code = "BILL_MISSING"
	LOAMissing                Code = "LOA_MISSING"
	BillDateMissing           Code = "BILL_DATE_MISSING"
	BillTooOld                Code = "BILL_TOO_OLD"
	BillAging                 Code = "BILL_AGING"
	LOAUnsigned               Code = "LOA_UNSIGNED"
	LOAUndated                Code = "LOA_UNDATED"
	LOATooOld                 Code = "LOA_TOO_OLD"
	LOAIncomplete             Code = "LOA_INCOMPLETE"
	SignerMismatch            Code = "SIGNER_MISMATCH"
	POBoxServiceAddress       Code = "PO_BOX_SERVICE_ADDRESS"
	AccountNameTooLong        Code = "ACCOUNT_NAME_TOO_LONG"
	MixedNumberTypes          Code = "MIXED_NUMBER_TYPES"
	TooManyNumbers            Code = "TOO_MANY_NUMBERS"
	DuplicateNumber           Code = "DUPLICATE_NUMBER"
	NumberAlreadyPorting      Code = "NUMBER_ALREADY_PORTING"
	InvalidNumber             Code = "INVALID_NUMBER"
	CountryNotSupported       Code = "COUNTRY_NOT_SUPPORTED"
	BTNPartialPort            Code = "BTN_PARTIAL_PORT"
	WirelessPINMissing        Code = "WIRELESS_PIN_MISSING"
	FileTooLarge              Code = "FILE_TOO_LARGE"
	FileFormatNotAllowed      Code = "FILE_FORMAT_NOT_ALLOWED"
	FileUnreadable            Code = "FILE_UNREADABLE"
	TextNotFound              Code = "TEXT_NOT_FOUND"
	FieldNotFound             Code = "FIELD_NOT_FOUND"
	ServiceAddressUnconfirmed Code = "SERVICE_ADDRESS_UNCONFIRMED"
	PartialPortUndeclared     Code = "PARTIAL_PORT_UNDECLARED"
	OrderSplitRequired        Code = "ORDER_SPLIT_REQUIRED"
	SpecialServiceOnAccount   Code = "SPECIAL_SERVICE_ON_ACCOUNT"
	AccountAtRisk             Code = "ACCOUNT_AT_RISK"
	DocumentIllegible         Code = "DOCUMENT_ILLEGIBLE"
	RequestedDateInvalid      Code = "REQUESTED_DATE_INVALID"
	SignerNameTooLong         Code = "SIGNER_NAME_TOO_LONG"

	// Added beyond SPEC section 3 (the SPEC allows adding codes).

	// IDMissing: the profile requires a government ID (KrosAI) and the
	// order has none.
	IDMissing Code = "ID_MISSING"
	// NumberTypeNotSupported: the profile does not port this type of
	// number (Twilio ports no toll-free numbers).
	NumberTypeNotSupported Code = "NUMBER_TYPE_NOT_SUPPORTED"
)

// Spec is what is fixed about a code: its default severity and the words
// carriers use for the same rejection (DOMAIN.md), so a finding can be
// matched with the rejection that comes back.
type Spec struct {
	Severity     Severity
	CarrierCodes map[string]string
}

func cc(telnyx, bandwidth string) map[string]string {
	m := map[string]string{}
	if telnyx != "" {
		m["telnyx"] = telnyx
	}
	if bandwidth != "" {
		m["bandwidth"] = bandwidth
	}
	return m
}

// Catalog holds every code. Where a carrier has several codes for one
// finding, the first one its documentation lists is given.
var Catalog = map[Code]Spec{
	NameMismatch:              {Reject, cc("ENTITY_NAME_MISMATCH", "7429")},
	AddressMismatch:           {Reject, cc("LOCATION_MISMATCH", "7402")},
	AccountNumberMismatch:     {Reject, cc("ACCOUNT_NUMBER_MISMATCH", "7401")},
	BTNMismatch:               {Reject, cc("BTN_ATN_MISMATCH", "7445")},
	NumberNotOnBill:           {Reject, cc("PHONE_NUMBER_MISMATCH", "7427")},
	NumberNotOnLOA:            {Reject, nil},
	CarrierMismatch:           {Warn, nil},
	BillMissing:               {Reject, nil},
	LOAMissing:                {Reject, nil},
	BillDateMissing:           {Warn, nil},
	BillTooOld:                {Reject, nil},
	BillAging:                 {Warn, nil},
	LOAUnsigned:               {Reject, cc("", "7424")},
	LOAUndated:                {Reject, cc("", "7424")},
	LOATooOld:                 {Reject, cc("", "7424")},
	LOAIncomplete:             {Reject, nil},
	SignerMismatch:            {Warn, cc("AUTH_PERSON_MISMATCH", "7473")},
	POBoxServiceAddress:       {Reject, nil},
	AccountNameTooLong:        {Warn, nil},
	MixedNumberTypes:          {Reject, nil},
	TooManyNumbers:            {Reject, nil},
	DuplicateNumber:           {Reject, nil},
	NumberAlreadyPorting:      {Reject, cc("SV_CONFLICT", "7407")},
	InvalidNumber:             {Reject, nil},
	CountryNotSupported:       {Reject, nil},
	BTNPartialPort:            {Reject, cc("MAIN_BTN_PORTING", "7434")},
	WirelessPINMissing:        {Reject, cc("PASSCODE_PIN_INVALID", "7435")},
	FileTooLarge:              {Reject, nil},
	FileFormatNotAllowed:      {Reject, nil},
	FileUnreadable:            {Reject, nil},
	TextNotFound:              {Warn, nil},
	FieldNotFound:             {Warn, nil},
	ServiceAddressUnconfirmed: {Warn, nil},
	PartialPortUndeclared:     {Reject, cc("MAIN_BTN_PORTING", "7434")},
	OrderSplitRequired:        {Reject, cc("PORTING_ORDER_SPLIT_REQUIRED", "7405")},
	SpecialServiceOnAccount:   {Warn, cc("PHONE_NUMBER_HAS_SPECIAL_FEATURE", "7406")},
	AccountAtRisk:             {Warn, nil},
	DocumentIllegible:         {Warn, nil},
	RequestedDateInvalid:      {Reject, cc("FOC_REJECTED", "7209")},
	SignerNameTooLong:         {Warn, nil},
	IDMissing:                 {Reject, nil},
	NumberTypeNotSupported:    {Reject, nil},
}

// New returns a finding of code c with its default severity and carrier
// codes; the caller fills in the rest.
func New(c Code, message string) Finding {
	s := Catalog[c]
	f := Finding{Code: c, Severity: s.Severity, Message: message}
	if len(s.CarrierCodes) > 0 {
		f.CarrierCodes = maps.Clone(s.CarrierCodes)
	}
	return f
}
