package phonenumbers

import (
	"bytes"
	"os"
	"testing"

	"google.golang.org/protobuf/proto"
)

// TestLazyMetadataIsTheCollection (portcheck patch): the container
// built from the indexed collection reads, for every region and every
// non-geographical calling code, the same metadata as upstream's
// container built from the collection unmarshalled whole.
func TestLazyMetadataIsTheCollection(t *testing.T) {
	coll, err := metadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	regions, err := loadIntArrayMap(regionData)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := newMetadataContainer(coll, regions.Map)
	if err != nil {
		t.Fatal(err)
	}
	lazy := metadata()
	if len(lazy.regionToMetadataMap) != len(whole.regionToMetadataMap) || len(lazy.regionToMetadataMap) < 200 {
		t.Fatalf("%d regions indexed, %d in the collection", len(lazy.regionToMetadataMap), len(whole.regionToMetadataMap))
	}
	for region, w := range whole.regionToMetadataMap {
		got, ok := readFromRegionToMetadataMap(region)
		if !ok || !proto.Equal(got, w.get()) {
			t.Errorf("region %s: the lazily read metadata differs from the collection's", region)
		}
	}
	if len(lazy.countryCodeToNonGeographicalMetadataMap) != len(whole.countryCodeToNonGeographicalMetadataMap) {
		t.Errorf("%d non-geographical codes indexed, %d in the collection", len(lazy.countryCodeToNonGeographicalMetadataMap), len(whole.countryCodeToNonGeographicalMetadataMap))
	}
	for code, w := range whole.countryCodeToNonGeographicalMetadataMap {
		got, ok := readFromCountryCodeToNonGeographicalMetadataMap(code)
		if !ok || !proto.Equal(got, w.get()) {
			t.Errorf("calling code %d: the lazily read metadata differs from the collection's", code)
		}
	}
	for _, region := range []string{"US", "ZZ", ""} {
		_, ok := readFromRegionToMetadataMap(region)
		if _, want := whole.regionToMetadataMap[region]; ok != want {
			t.Errorf("region %q: found %v, the collection says %v", region, ok, want)
		}
	}
}

// TestNumberDataIsUpstreams (portcheck patch): the metadata embedded
// unzipped (data/metadata.pb) is upstream's data/metadata.xml.gz
// inflated, byte for byte.
func TestNumberDataIsUpstreams(t *testing.T) {
	gz, err := os.ReadFile("data/metadata.xml.gz")
	if err != nil {
		t.Fatal(err)
	}
	want, err := decodeUnzip(gz)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(numberData, want) {
		t.Errorf("data/metadata.pb (%d bytes) is not data/metadata.xml.gz inflated (%d bytes)", len(numberData), len(want))
	}
}
