package profile

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteTable prints profiles as an aligned table, one row each.
func WriteTable(w io.Writer, ps []*Profile) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tREQUIRED\tBILL AGE\tLOA AGE\tMAX SIZE\tFORMATS\tNUMBERS\tNAME\tSIGNER\tPO BOX\tMIX TF\tWIRELESS PIN\tLEAD\tCOUNTRIES")
	for _, p := range ps {
		minB, minD, maxD := p.LeadTime()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			p.Name, p.required(), days(p.BillMaxAgeDays), days(p.LOAMaxAgeDays), p.maxSize(), p.formats(),
			limit(p.MaxNumbers), limit(p.MaxAccountNameLength), limit(p.MaxSignerNameLength),
			yesNo(p.AllowPOBox), yesNo(p.AllowMixedTollFree), yesNo(p.WirelessPINRequired),
			lead(minB, minD, maxD), list(p.Countries))
	}
	return tw.Flush()
}

func (p *Profile) required() string {
	var req []string
	for _, k := range []string{"bill", "loa", "id"} {
		if p.Requires(k) {
			req = append(req, k)
		}
	}
	if len(req) == 0 {
		return "-"
	}
	return strings.Join(req, ",")
}

// maxSize shows the bill's limit, the one users meet most.
func (p *Profile) maxSize() string {
	n := p.Documents["bill"].MaxBytes
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%g MB", float64(n)/(1<<20))
}

func (p *Profile) formats() string {
	var short []string
	for _, m := range p.Documents["bill"].MediaTypes {
		_, sub, _ := strings.Cut(m, "/")
		short = append(short, sub)
	}
	slices.Sort(short)
	if len(short) == 0 {
		return "any"
	}
	return strings.Join(short, ",")
}

func lead(minB, minD, maxD int) string {
	s := fmt.Sprintf("%d-%dd", minB, maxD)
	if minD > 0 {
		s = fmt.Sprintf("%dbd/%dd-%dd", minB, minD, maxD)
	}
	return s
}

func days(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%dd", n)
}

func limit(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func list(s []string) string {
	if len(s) == 0 {
		return "any"
	}
	return strings.Join(s, ",")
}
