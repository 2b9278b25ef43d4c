package corpus

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"go.yaml.in/yaml/v3"
)

// PeerValue is one field where a peer project's own expected output,
// shipped beside a document, says what the document holds.
type PeerValue struct {
	File, Field string
	Peer        string // the peer's value, in our field's form
	Label       string // our label
	Got         string // what the pipeline read
}

// peerFields maps a peer's field names onto ours, where they mean the
// same: invoice2data's JSON (date, issuer) and the AFIP reader's YAML
// (factura.fecha, emisor.nombre).
type peerDoc struct {
	Date, Issuer string
}

// Peers attaches the peer outputs found beside the corpus documents
// (same name, .json or .yml).
func (b *RealBoard) Peers(dir string) error {
	b.PeerValues = nil
	for _, r := range b.Results {
		stem := strings.TrimSuffix(filepath.Join(dir, r.Folder, r.File), filepath.Ext(r.File))
		p, ok, err := readPeer(stem)
		if err != nil {
			return fmt.Errorf("read peer output of %s: %w", r.Path(), err)
		}
		if !ok {
			continue
		}
		for field, v := range map[string]string{"bill_date": p.Date, "carrier": p.Issuer} {
			if v != "" {
				b.PeerValues = append(b.PeerValues, PeerValue{File: r.Path(), Field: field, Peer: v, Label: r.Fields[field], Got: r.Got[field]})
			}
		}
	}
	return nil
}

func readPeer(stem string) (peerDoc, bool, error) {
	if data, err := os.ReadFile(stem + ".json"); err == nil {
		var docs []struct {
			Date   string `json:"date"`
			Issuer string `json:"issuer"`
		}
		if err := json.Unmarshal(data, &docs); err != nil {
			return peerDoc{}, false, fmt.Errorf("%s.json: %w", stem, err)
		}
		if len(docs) == 0 {
			return peerDoc{}, false, nil
		}
		return peerDoc{Date: docs[0].Date, Issuer: docs[0].Issuer}, true, nil
	}
	data, err := os.ReadFile(stem + ".yml")
	if os.IsNotExist(err) {
		return peerDoc{}, false, nil
	}
	if err != nil {
		return peerDoc{}, false, err
	}
	var y struct {
		Emisor  struct{ Nombre string } `yaml:"emisor"`
		Factura struct{ Fecha string }  `yaml:"factura"`
	}
	if err := yaml.Unmarshal(data, &y); err != nil {
		return peerDoc{}, false, fmt.Errorf("%s.yml: %w", stem, err)
	}
	return peerDoc{Date: y.Factura.Fecha, Issuer: y.Emisor.Nombre}, true, nil
}

// PeerTally counts, for one field, the documents a peer labels and how
// many of them our reading and our label agree with.
type PeerTally struct{ Compared, ReadAgrees, LabelAgrees int }

// PeerTallies groups the peer comparison by field.
func (b RealBoard) PeerTallies() map[string]PeerTally {
	out := map[string]PeerTally{}
	for _, p := range b.PeerValues {
		t := out[p.Field]
		t.Compared++
		if p.Got != "" && Same(p.Field, p.Peer, p.Got) {
			t.ReadAgrees++
		}
		if p.Label != "" && Same(p.Field, p.Peer, p.Label) {
			t.LabelAgrees++
		}
		out[p.Field] = t
	}
	return out
}

func writePeers(w io.Writer, b RealBoard) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PEER FIELD\tCOMPARED\tREAD AGREES\tLABEL AGREES")
	ts := b.PeerTallies()
	for _, k := range slices.Sorted(maps.Keys(ts)) {
		t := ts[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", k, t.Compared, t.ReadAgrees, t.LabelAgrees)
	}
	return tw.Flush()
}
