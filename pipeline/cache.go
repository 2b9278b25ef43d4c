package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/storage"
)

// ExtractorVersion names what extraction produces; change it whenever
// extract or OCR would read a document differently, so cached results
// from the old code are not used.
const ExtractorVersion = "2026-12-02.4"

// Cache keeps extracted documents by content digest and extractor
// version, so a re-check or re-validation does not extract (or OCR)
// again. Load's errors are treated as a miss; Save's are ignored by the
// pipeline (a cache is an optimisation, never a reason to fail).
type Cache interface {
	Load(ctx context.Context, sha256 string) (*extract.Document, bool)
	Save(ctx context.Context, sha256 string, doc *extract.Document) error
}

// StoreCache is a Cache in a storage.Store, under
// extractions/<version>/<sha256>.json.
type StoreCache struct{ Store storage.Store }

var _ Cache = StoreCache{}

func cacheKey(sum string) string { return "extractions/" + ExtractorVersion + "/" + sum + ".json" }

// Load returns the cached document for a digest.
func (c StoreCache) Load(ctx context.Context, sum string) (*extract.Document, bool) {
	rc, err := c.Store.Get(ctx, cacheKey(sum))
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	var doc extract.Document
	if err := json.NewDecoder(rc).Decode(&doc); err != nil {
		return nil, false
	}
	return &doc, true
}

// Save stores an extracted document.
func (c StoreCache) Save(ctx context.Context, sum string, doc *extract.Document) error {
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("cache extraction: %w", err)
	}
	if err := c.Store.Put(ctx, cacheKey(sum), bytes.NewReader(data)); err != nil {
		return fmt.Errorf("cache extraction: %w", err)
	}
	return nil
}

// extractCached extracts data, or reads the cached extraction of the
// same bytes. Only successful extractions are cached: a document that
// failed admission fails quickly again, and its limits depend on the
// profile.
func extractCached(ctx context.Context, cfg Config, name, sum string, data []byte, lim extract.Limits) (*extract.Document, error) {
	if cfg.Cache == nil {
		return extract.Extract(ctx, name, data, lim)
	}
	if doc, ok := cfg.Cache.Load(ctx, sum); ok && admits(doc, lim) {
		doc.Name = name
		return doc, nil
	}
	doc, err := extract.Extract(ctx, name, data, lim)
	if err == nil && !errors.Is(ctx.Err(), context.Canceled) {
		_ = cfg.Cache.Save(ctx, sum, doc)
	}
	return doc, err
}

// admits: a cached extraction is only good under limits that would have
// admitted the document.
func admits(doc *extract.Document, lim extract.Limits) bool {
	return doc.Within(lim) == nil
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
