package order

// Kind is what a document is.
type Kind string

const (
	KindBill  Kind = "bill"
	KindLOA   Kind = "loa"
	KindCSR   Kind = "csr"
	KindID    Kind = "id"
	KindOther Kind = "other"
)

// Name is how messages name a document of this kind.
func (k Kind) Name() string {
	switch k {
	case KindLOA:
		return "LOA"
	case KindCSR:
		return "CSR"
	case KindID:
		return "ID document"
	case KindOther:
		return "document"
	}
	return string(k)
}

// Kinds lists every valid Kind, in the order reports show documents.
var Kinds = []Kind{KindBill, KindCSR, KindLOA, KindID, KindOther}

// NumberType is a line's service type as the order declares or the
// numbering plan shows.
type NumberType string

const (
	TypeUnknown  NumberType = ""
	TypeLandline NumberType = "landline"
	TypeWireless NumberType = "wireless"
	TypeVoIP     NumberType = "voip"
	TypeTollFree NumberType = "tollfree"
)

// Address is a service address as the order gives it.
type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country,omitempty"`
}

// Number is one telephone number to port.
type Number struct {
	Number string     `json:"number"`
	Type   NumberType `json:"type,omitempty"`
	PIN    Secret     `json:"pin,omitzero"`
}

// Document is one uploaded file. Path is relative to the order file's
// folder (CLI) or an object key (stored orders).
type Document struct {
	Kind Kind   `json:"kind"`
	Path string `json:"path"`
}

// Order is a port-in order, SPEC section 1.
type Order struct {
	ID              string     `json:"id"`
	Profile         string     `json:"profile,omitempty"`
	LocationID      string     `json:"location_id,omitempty"`
	AccountType     string     `json:"account_type,omitempty"`
	CurrentCarrier  string     `json:"current_carrier,omitempty"`
	AccountName     string     `json:"account_name"`
	AccountNumber   string     `json:"account_number,omitempty"`
	PIN             Secret     `json:"pin,omitzero"`
	BTN             string     `json:"btn,omitempty"`
	ServiceAddress  Address    `json:"service_address"`
	AuthorizedName  string     `json:"authorized_name,omitempty"`
	AuthorizedTitle string     `json:"authorized_title,omitempty"`
	AuthorizedEmail string     `json:"authorized_email,omitempty"`
	Numbers         []Number   `json:"numbers"`
	FullPort        *bool      `json:"full_port,omitempty"`
	NewBTN          *string    `json:"new_btn"`
	RequestedDate   string     `json:"requested_date,omitempty"`
	Documents       []Document `json:"documents,omitempty"`
}

// IsFullPort reports whether every number on the account moves; an order
// that does not say is a full port, the common case.
func (o *Order) IsFullPort() bool { return o.FullPort == nil || *o.FullPort }

// HasDocument reports whether the order carries a document of one of kinds.
func (o *Order) HasDocument(kinds ...Kind) bool {
	for _, d := range o.Documents {
		for _, k := range kinds {
			if d.Kind == k {
				return true
			}
		}
	}
	return false
}

// Region is the default region for numbers written without a country
// code: the service address's country, else US (every built-in profile
// but one serves NANP).
func (o *Order) Region() string {
	if c := o.ServiceAddress.Country; c != "" {
		return c
	}
	return "US"
}
