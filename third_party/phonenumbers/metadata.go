package phonenumbers

import "embed"

//go:embed data/countrycode_to_region.xml.gz
var regionData []byte

// numberData is the serialized PhoneMetadataCollection, stored as is
// (portcheck patch): upstream embeds it gzipped (data/metadata.xml.gz,
// kept beside it) and gunzipped it in every process that parsed a
// number, 192 KB inflated and grown by io.ReadAll, 4% of a one-order
// check process's CPU. TestNumberDataIsUpstreams pins the two together.
//
//go:embed data/metadata.pb
var numberData []byte

//go:embed data/prefix_to_carriers/*.gz
var carrierData embed.FS
var carrierDataPath = "data/prefix_to_carriers"

//go:embed data/prefix_to_timezone.xml.gz
var timezoneData []byte

//go:embed data/shortnumber_metadata.xml.gz
var shortNumberData []byte
