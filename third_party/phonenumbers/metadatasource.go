// Port of metadata/source/* + MetadataLoader from google/libphonenumber.
// Functions are kept in upstream source order to ease syncing.
// Last reconciled against: v9.0.32
package phonenumbers

import (
	"fmt"
	"sync"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// metadataContainer bundles all of the metadata-derived lookup state used by
// the library. The package keeps a single active container (currentMetadata),
// built from the embedded metadata during init. Bundling the state behind one
// swappable value is the seam that lets tests run against alternate metadata
// (e.g. upstream's synthetic PhoneNumberMetadataForTesting data) without
// changing the public, package-level API.
type metadataContainer struct {
	// The parsed metadata collection this container was built from.
	metadataCollection *PhoneMetadataCollection

	// A map from country code (as integer) to two letter region codes.
	countryCodeToRegion map[int][]string

	// A mapping from a region code to the PhoneMetadata for that region.
	//
	// portcheck patch: each region's metadata is unmarshalled on first use
	// (lazyMetadata), not all ~250 regions' when the container is built.
	regionToMetadataMap map[string]*lazyMetadata

	// A mapping from a country calling code for a non-geographical entity to
	// the PhoneMetadata for that country calling code. Examples of the country
	// calling codes include 800 (International Toll Free Service) and 808
	// (International Shared Cost Service).
	countryCodeToNonGeographicalMetadataMap map[int]*lazyMetadata

	// The set of regions that share country calling code 1.
	nanpaRegions map[string]struct{}

	// The set of regions the library supports.
	supportedRegions map[string]bool

	// All the calling codes we support.
	supportedCallingCodes map[int]bool

	// The set of calling codes that map to the non-geo entity region ("001").
	countryCodesForNonGeographicalRegion map[int]bool
}

// currentMetadata is the active metadata container. It is populated from the
// embedded metadata by initMetadata during package initialization. Tests may
// swap it via useMetadata to exercise the library against alternate metadata.
//
// portcheck patch: populated on first use, through metadata(), not in init.
var currentMetadata *metadataContainer

var loadMetadata sync.Once

// metadata is the active container, loaded from the embedded metadata the
// first time any function needs it (portcheck patch: upstream loads it in
// init, ~10-25 ms and 2.5 MB in every process that links the package).
func metadata() *metadataContainer {
	loadMetadata.Do(initMetadata)
	return currentMetadata
}

func initMetadata() {
	// load our regions
	regionMap, err := loadIntArrayMap(regionData)
	if err != nil {
		panic(err)
	}

	// then our metadata
	//
	// portcheck patch: indexed by region, each region unmarshalled when it
	// is first read (lazyMetadata); upstream unmarshals the collection
	// whole (metadataCollection) and builds the container from it.
	//
	// portcheck patch: numberData is stored unzipped.
	entries, err := indexMetadata(numberData)
	if err != nil {
		panic(err)
	}

	currentMetadata, err = buildMetadataContainer(entries, regionMap.Map)
	if err != nil {
		panic(err)
	}
}

// lazyMetadata is one PhoneMetadata of the collection, kept as its
// serialized bytes until it is first read (portcheck patch). A check
// reads a handful of the ~250 regions (those sharing calling code 1 at
// most); unmarshalling all of them cost a check process 3-4 ms.
type lazyMetadata struct {
	raw  []byte
	once sync.Once
	meta *PhoneMetadata
}

// get is the metadata, unmarshalled once; embedded metadata that does
// not unmarshal panics, as upstream's init does.
func (l *lazyMetadata) get() *PhoneMetadata {
	l.once.Do(func() {
		if l.meta != nil {
			return
		}
		m := &PhoneMetadata{}
		if err := proto.Unmarshal(l.raw, m); err != nil {
			panic(err)
		}
		l.meta = m
	})
	return l.meta
}

// metadataEntry is one PhoneMetadata of a collection with the two fields
// the container is keyed by.
type metadataEntry struct {
	id          string
	countryCode int32
	meta        *lazyMetadata
}

// indexMetadata splits a serialized PhoneMetadataCollection into its
// PhoneMetadata messages (field 1, repeated) and reads each one's id
// (field 9) and country_code (field 10) without unmarshalling the rest.
// A field given twice takes its last value, as proto.Unmarshal does.
func indexMetadata(raw []byte) ([]metadataEntry, error) {
	var out []metadataEntry
	for len(raw) > 0 {
		num, typ, n := protowire.ConsumeTag(raw)
		if n < 0 {
			return nil, fmt.Errorf("phonenumbers: metadata: %w", protowire.ParseError(n))
		}
		raw = raw[n:]
		if num != 1 || typ != protowire.BytesType {
			if n = protowire.ConsumeFieldValue(num, typ, raw); n < 0 {
				return nil, fmt.Errorf("phonenumbers: metadata: %w", protowire.ParseError(n))
			}
			raw = raw[n:]
			continue
		}
		msg, n := protowire.ConsumeBytes(raw)
		if n < 0 {
			return nil, fmt.Errorf("phonenumbers: metadata: %w", protowire.ParseError(n))
		}
		raw = raw[n:]
		e, err := entryOf(msg)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func entryOf(msg []byte) (metadataEntry, error) {
	e := metadataEntry{meta: &lazyMetadata{raw: msg}}
	for b := msg; len(b) > 0; {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return e, fmt.Errorf("phonenumbers: metadata: %w", protowire.ParseError(n))
		}
		b = b[n:]
		switch {
		case num == 9 && typ == protowire.BytesType:
			v, m := protowire.ConsumeString(b)
			if m < 0 {
				return e, fmt.Errorf("phonenumbers: metadata id: %w", protowire.ParseError(m))
			}
			e.id, n = v, m
		case num == 10 && typ == protowire.VarintType:
			v, m := protowire.ConsumeVarint(b)
			if m < 0 {
				return e, fmt.Errorf("phonenumbers: metadata country code: %w", protowire.ParseError(m))
			}
			e.countryCode, n = int32(v), m
		default:
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return e, fmt.Errorf("phonenumbers: metadata: %w", protowire.ParseError(n))
			}
		}
		b = b[n:]
	}
	return e, nil
}

// newMetadataContainer builds a fully populated metadataContainer from a parsed
// metadata collection and a country-code-to-region map. This is the same
// derivation the library has always performed at init, now factored out so it
// can run against any metadata source, not just the embedded one.
func newMetadataContainer(coll *PhoneMetadataCollection, countryCodeToRegion map[int][]string) (*metadataContainer, error) {
	metadataList := coll.GetMetadata()
	entries := make([]metadataEntry, len(metadataList))
	for i, meta := range metadataList {
		entries[i] = metadataEntry{id: meta.GetId(), countryCode: meta.GetCountryCode(), meta: &lazyMetadata{meta: meta}}
	}
	mc, err := buildMetadataContainer(entries, countryCodeToRegion)
	if err == nil {
		mc.metadataCollection = coll
	}
	return mc, err
}

// buildMetadataContainer is newMetadataContainer over indexed entries
// (portcheck patch: the body is upstream's, reading each entry's id and
// country code where upstream reads the parsed message's).
func buildMetadataContainer(metadataList []metadataEntry, countryCodeToRegion map[int][]string) (*metadataContainer, error) {
	if len(metadataList) == 0 {
		return nil, ErrEmptyMetadata
	}

	mc := &metadataContainer{
		countryCodeToRegion:                     countryCodeToRegion,
		regionToMetadataMap:                     make(map[string]*lazyMetadata),
		countryCodeToNonGeographicalMetadataMap: make(map[int]*lazyMetadata),
		nanpaRegions:                            make(map[string]struct{}),
		supportedRegions:                        make(map[string]bool, 320),
		supportedCallingCodes:                   make(map[int]bool, 320),
		countryCodesForNonGeographicalRegion:    make(map[int]bool, 16),
	}

	for _, e := range metadataList {
		region := e.id
		if region == "001" {
			// it's a non geographical entity
			mc.countryCodeToNonGeographicalMetadataMap[int(e.countryCode)] = e.meta
		} else {
			mc.regionToMetadataMap[region] = e.meta
		}
	}

	for eKey, regionCodes := range countryCodeToRegion {
		// We can assume that if the county calling code maps to the
		// non-geo entity region code then that's the only region code
		// it maps to.
		if len(regionCodes) == 1 && REGION_CODE_FOR_NON_GEO_ENTITY == regionCodes[0] {
			// This is the subset of all country codes that map to the
			// non-geo entity region code.
			mc.countryCodesForNonGeographicalRegion[eKey] = true
		} else {
			// The supported regions set does not include the "001"
			// non-geo entity region code.
			for _, val := range regionCodes {
				mc.supportedRegions[val] = true
			}
		}

		mc.supportedCallingCodes[eKey] = true
	}
	// If the non-geo entity still got added to the set of supported regions it
	// must be because there are entries that list the non-geo entity alongside
	// normal regions (which is wrong). If we discover this, remove the non-geo
	// entity from the set of supported regions.
	delete(mc.supportedRegions, REGION_CODE_FOR_NON_GEO_ENTITY)

	for _, val := range countryCodeToRegion[NANPA_COUNTRY_CODE] {
		mc.nanpaRegions[val] = struct{}{}
	}

	return mc, nil
}

// useMetadata swaps the active metadata container, returning a function that
// restores the previously active container. It is intended for tests that need
// to run against alternate (e.g. synthetic) metadata; callers must invoke the
// returned restore function (typically via t.Cleanup) and must not run such
// tests in parallel, since the active container is process-global.
func useMetadata(mc *metadataContainer) (restore func()) {
	prev := metadata()
	currentMetadata = mc
	return func() { currentMetadata = prev }
}

func readFromNanpaRegions(key string) (struct{}, bool) {
	v, ok := metadata().nanpaRegions[key]
	return v, ok
}

func readFromRegionToMetadataMap(key string) (*PhoneMetadata, bool) {
	v, ok := metadata().regionToMetadataMap[key]
	if !ok {
		return nil, false
	}
	return v.get(), true
}

func readFromCountryCodeToNonGeographicalMetadataMap(key int) (*PhoneMetadata, bool) {
	v, ok := metadata().countryCodeToNonGeographicalMetadataMap[key]
	if !ok {
		return nil, false
	}
	return v.get(), true
}

var (
	currMetadataColl *PhoneMetadataCollection
	reloadMetadata   = true
)

// MetadataCollection returns the embedded territory metadata collection. The
// result is parsed once and cached; it always reflects the embedded data and
// is independent of any container swapped in via useMetadata.
//
// portcheck patch: it loads the metadata first (metadata()), so a caller
// racing the first use gets the one cached collection; upstream's body is
// metadataCollection.
func MetadataCollection() (*PhoneMetadataCollection, error) {
	metadata()
	return metadataCollection()
}

func metadataCollection() (*PhoneMetadataCollection, error) {
	if !reloadMetadata {
		return currMetadataColl, nil
	}

	metadataCollection := &PhoneMetadataCollection{}
	if err := proto.Unmarshal(numberData, metadataCollection); err != nil { // portcheck patch: stored unzipped
		return nil, err
	}
	currMetadataColl = metadataCollection
	reloadMetadata = false
	return metadataCollection, nil
}
