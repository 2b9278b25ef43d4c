package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// readResult is one document after admission and extraction: its line
// in the report and, when it could be read, its text.
type readResult struct {
	summary report.Document
	text    *extract.Document
	// sum is the file's SHA-256 when it was read; cached is its fields
	// when they came from the cache (and text is then theirs).
	sum    string
	cached *DocFields
}

func readDocument(ctx context.Context, i int, d order.Document, docs Documents, region string, p *profile.Profile, cfg Config) (readResult, []report.Finding, error) {
	res := readResult{summary: report.Document{Kind: string(d.Kind), Path: d.Path, TextSource: "none"}}
	rule := p.Rule(string(d.Kind))
	lim := extract.Limits{MaxBytes: rule.MaxBytes, MediaTypes: rule.MediaTypes, MaxPages: rule.MaxPages, Timeout: cfg.documentTimeout(), OCR: cfg.OCR}
	if f, size, ok := loadFields(ctx, cfg, docs, d, region, lim); ok {
		res.summary.Bytes, res.cached = size, f
		res.setText(f.Text)
		return res, textFindings(i, d, f.Text, cfg.OCR != nil), nil
	}
	if cfg.CachedOnly {
		return res, nil, &DocumentError{Index: i, Path: d.Path, Err: ErrNotCached}
	}
	data, size, err := fetch(ctx, docs, d.Path, lim.MaxBytes)
	if err != nil {
		return res, nil, &DocumentError{Index: i, Path: d.Path, Err: err}
	}
	res.summary.Bytes = size
	if data == nil { // over the size limit: not read at all
		return res, []report.Finding{tooLarge(i, d, size, rule.MaxBytes)}, nil
	}
	if cfg.Cache != nil || cfg.Fields != nil {
		res.sum = digest(data)
	}
	text, err := extractCached(ctx, cfg, d.Path, res.sum, data, lim)
	if text != nil {
		res.setText(text)
	}
	if err != nil {
		res.sum = "" // never cache the fields of a document not admitted
		f, ferr := admissionFinding(i, d, err)
		return res, f, ferr
	}
	readAgain(ctx, cfg, d, text, data, lim)
	return res, textFindings(i, d, text, cfg.OCR != nil), nil
}

func (res *readResult) setText(text *extract.Document) {
	res.text = text
	res.summary.SHA256, res.summary.MediaType, res.summary.Pages = text.SHA256, text.MediaType, text.PageCount
	res.summary.TextSource = text.TextSource
	if ocr := text.OCRPages(); len(ocr) > 0 && text.TextSource == extract.SourceTextLayer {
		res.summary.OCRPages = ocr
	}
}

// loadFields finds the document's cached fields without reading the
// file, when the documents know its digest. A missing or oversized file
// is a miss, so it meets the same finding or error as a first check.
func loadFields(ctx context.Context, cfg Config, docs Documents, d order.Document, region string, lim extract.Limits) (*DocFields, int64, bool) {
	dg, ok := docs.(Digests)
	if cfg.Fields == nil || !ok {
		return nil, 0, false
	}
	sum, ok := dg.Digest(d.Path)
	if !ok {
		return nil, 0, false
	}
	info, err := docs.Stat(ctx, d.Path)
	if err != nil || info.Size > maxBytes(lim.MaxBytes) {
		return nil, 0, false
	}
	f, ok := cfg.Fields.LoadFields(ctx, FieldsKey{SHA256: sum, Reader: readerOf(d.Kind), Region: region})
	if !ok || !admits(f.Text, lim) || f.Text.Bytes != info.Size {
		return nil, 0, false
	}
	f.Text.Name = d.Path
	return f, info.Size, true
}

func maxBytes(max int64) int64 {
	if max == 0 {
		return extract.DefaultMaxBytes
	}
	return max
}

// readAgain reads a scan's pages a second time when the first reading
// misses a field the checks need (fields.WantsSecondReading), then the
// regions alone where both missed one (fields.Regions: a bill's service
// address block, an LOA's lines joined from a caption and a value),
// and caches the document with every reading. Later readings only add
// what the first missed; when one cannot be made the others stand.
func readAgain(ctx context.Context, cfg Config, d order.Document, text *extract.Document, data []byte, lim extract.Limits) {
	kind := string(d.Kind)
	changed := false
	if fields.WantsSecondReading(text, kind) && extract.ReadAgain(ctx, text, data, lim) == nil && text.Second != nil {
		changed = true
	}
	if rs := fields.Regions(text, kind); len(rs) > 0 && extract.ReadRegions(ctx, text, data, lim, rs) == nil && text.Regions != nil {
		changed = true
	}
	if changed && cfg.Cache != nil && !errors.Is(ctx.Err(), context.Canceled) {
		_ = cfg.Cache.Save(ctx, text.SHA256, text)
	}
}

// fetch reads a document whole unless it is over max bytes, in which
// case it returns nil data and the size, so a huge upload is never held
// in memory. max 0 means the extractor's hard cap.
func fetch(ctx context.Context, docs Documents, key string, max int64) ([]byte, int64, error) {
	max = maxBytes(max)
	info, err := docs.Stat(ctx, key)
	if err != nil {
		return nil, 0, err
	}
	if info.Size > max {
		return nil, info.Size, nil
	}
	rc, err := docs.Get(ctx, key)
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, 0, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > max { // grew since Stat
		return nil, int64(len(data)), nil
	}
	return data, int64(len(data)), nil
}

// IsPermanent reports whether err, returned by Check, will recur on a
// retry (the document is missing or its key is not allowed).
func IsPermanent(err error) bool {
	return errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrInvalidKey)
}

func docFinding(code report.Code, i int, d order.Document, msg string) report.Finding {
	f := report.New(code, msg)
	f.Field = fmt.Sprintf("documents[%d]", i)
	f.Document = string(d.Kind)
	f.Path = d.Path
	return f
}

func tooLarge(i int, d order.Document, size, max int64) report.Finding {
	f := docFinding(report.FileTooLarge, i, d, fmt.Sprintf("The %s %s is %s; the profile allows at most %s.", d.Kind.Name(), d.Path, human(size), human(max)))
	f.Expected = fmt.Sprintf("at most %d bytes", max)
	f.Found = fmt.Sprintf("%d bytes", size)
	f.Fix = fmt.Sprintf("Upload a copy of the %s under %s: print it to PDF again, lower the scan resolution, or send only the pages that show the account and the numbers.", d.Kind.Name(), human(max))
	return f
}

// admissionFinding turns extract's typed errors into findings; anything
// else is a fault of the run, not of the document.
func admissionFinding(i int, d order.Document, err error) ([]report.Finding, error) {
	var tl *extract.TooLargeError
	var fe *extract.FormatError
	var ue *extract.UnreadableError
	switch {
	case errors.As(err, &tl):
		return []report.Finding{tooLarge(i, d, tl.Bytes, tl.Limit)}, nil
	case errors.As(err, &fe):
		return []report.Finding{formatNotAllowed(i, d, fe)}, nil
	case errors.As(err, &ue):
		return []report.Finding{unreadable(i, d, ue)}, nil
	}
	return nil, &DocumentError{Index: i, Path: d.Path, Err: err}
}

func formatNotAllowed(i int, d order.Document, fe *extract.FormatError) report.Finding {
	f := docFinding(report.FileFormatNotAllowed, i, d, fmt.Sprintf("The %s %s is %s by its content; the profile accepts %s for a %s.", d.Kind.Name(), d.Path, fe.MediaType, strings.Join(fe.Allowed, ", "), d.Kind.Name()))
	f.Expected = strings.Join(fe.Allowed, ", ")
	f.Found = fe.MediaType
	f.Fix = fmt.Sprintf("Upload the %s as %s (renaming the file does not change its format).", d.Kind.Name(), strings.Join(fe.Allowed, " or "))
	return f
}

func unreadable(i int, d order.Document, ue *extract.UnreadableError) report.Finding {
	f := docFinding(report.FileUnreadable, i, d, fmt.Sprintf("The %s %s cannot be read: %s.", d.Kind.Name(), d.Path, strings.TrimSuffix(ue.Reason, ".")))
	f.Found = ue.Reason
	switch {
	case errors.Is(ue, extract.ErrEncrypted):
		f.Fix = "Remove the password (print the document to a new PDF) and upload it again; carriers cannot open protected files."
	case errors.Is(ue, extract.ErrEmpty):
		f.Fix = "The upload is empty: upload the file again."
	case errors.Is(ue, extract.ErrTooManyPages):
		f.Fix = "Upload only the pages that show the account, the service address and the numbers."
	default:
		f.Fix = fmt.Sprintf("Download or print the %s to PDF again and upload the new file.", d.Kind.Name())
	}
	return f
}

// textFindings: a document that was admitted but shows no usable text
// cannot be compared with the order; a scan too coarse or too unsure to
// read is one a carrier's clerk may refuse.
func textFindings(i int, d order.Document, doc *extract.Document, ocrOn bool) []report.Finding {
	if doc.TextSource == extract.SourceNone {
		how := "it has no usable text layer and OCR found no words"
		if !ocrOn {
			how = "it has no usable text layer and OCR is off"
		}
		f := docFinding(report.TextNotFound, i, d, fmt.Sprintf("No text could be read from the %s %s: %s.", d.Kind.Name(), d.Path, how))
		f.Fix = fmt.Sprintf("Upload the %s as the PDF the carrier issued (with selectable text) or as a sharp scan at 300 DPI; a blank or unrelated image cannot be checked.", d.Kind.Name())
		return []report.Finding{f}
	}
	for _, p := range doc.Pages {
		if p.Legible() {
			continue
		}
		f := docFinding(report.DocumentIllegible, i, d, fmt.Sprintf("Page %d of the %s %s is hard to read: %.0f DPI, OCR confidence %.0f%%; a carrier may reject it as illegible.", p.Number, d.Kind.Name(), d.Path, p.DPI, p.Confidence))
		f.Found = fmt.Sprintf("%.0f DPI, confidence %.0f%%", p.DPI, p.Confidence)
		f.Expected = fmt.Sprintf("at least %d DPI and confidence %d%%", extract.MinLegibleDPI, extract.MinLegibleConfidence)
		f.Fix = fmt.Sprintf("Scan the %s again at 300 DPI, flat and in good light, or upload the carrier's PDF.", d.Kind.Name())
		return []report.Finding{f}
	}
	return nil
}

func human(n int64) string {
	const mib = 1 << 20
	if n >= mib {
		return fmt.Sprintf("%.1f MB", float64(n)/mib)
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
