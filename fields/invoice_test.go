package fields

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestReadInvoices reads invoices and bills in the languages and
// layouts of the real corpus. The documents are invented: the corpus
// itself is scored by `portcheck corpus score`, never copied here.
func TestReadInvoices(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		want billSummary
	}{
		{
			name: "german sender line over the window address",
			rows: []string{
				"Muster Telekom GmbH - Hauptstraße 5 - 10115 Berlin",
				"Beispiel AG",
				"Ringstraße 7",
				"80331 München",
				"Deutschland",
				"Rechnung",
				"Rechnungsnr. 30001 | Kundennr. 4711-22",
				"Rechnungsdatum 3. März 2025",
				"Zahlbar bis 17. März 2025",
			},
			want: billSummary{Name: "Beispiel AG", Account: "4711-22", Date: "2025-03-03", Carrier: "Muster Telekom GmbH"},
		},
		{
			name: "french bill: dated by its number line, due date refused, installation address",
			rows: []string{
				"Facture n°5620 du 2 juillet 2025",
				"Date limite de paiement le 05 juillet 2025",
				"Numéro de ligne | Id.client | Adresse de l'installation",
				"FO1047 | 998877 | 12 rue des Lilas",
				" | | 69003 LYON",
				"Opérateur SAS au capital de 1000 euros - RCS Lyon",
			},
			want: billSummary{Account: "998877", Address: "12 rue des Lilas, 69003 LYON", Date: "2025-07-02", Carrier: "Opérateur SAS"},
		},
		{
			name: "argentine form: two Razón Social, wrapped buyer, day-first date",
			rows: []string{
				"Razón Social: TALLER EJEMPLO | Fecha de Emisión: 07/03/2025",
				"Domicilio Comercial: Calle 1 - Rosario",
				"Fecha de Vto. para el pago: 17/03/2025",
				"CUIT: 30500017704 | Apellido y Nombre / Razón Social: COOPERATIVA DE",
				" |" + strings.Repeat(" ", 36) + "PRUEBA", // under the value ("ó" is two bytes wide in page()),
				"Condición de venta: Cuenta Corriente | Cuenta Nro.: 124",
			},
			want: billSummary{Name: "COOPERATIVA DE PRUEBA", Account: "124", Date: "2025-03-07", Carrier: "TALLER EJEMPLO"},
		},
		{
			name: "dutch table header: each value under its own column",
			rows: []string{
				"Klant | Order | Factuur datum",
				"KL0099887 | OR1234 | 8-9-2022",
			},
			want: billSummary{Account: "KL0099887", Date: "2022-09-08"},
		},
		{
			name: "bank account numbers are not the customer's",
			rows: []string{
				"Bank Account: US1234567890",
				"IBAN : FR76 3000 6000 0112 3456 7890 189",
				"Invoice Date: 03/20/2023",
			},
			want: billSummary{Date: "2023-03-20"},
		},
		{
			name: "bare Date beside a due date",
			rows: []string{
				"Due Date: Jan 31, 2022",
				"Date: Jan 1, 2022",
			},
			want: billSummary{Date: "2022-01-01"},
		},
		{
			name: "two unlabelled blocks: the higher is the letterhead",
			rows: []string{
				"Northwind Traders",
				"12 Harbor Rd",
				"Seattle WA 98101",
				"",
				" | Contoso Ltd",
				" | 400 Pine Ave",
				" | Portland OR 97201",
				"Invoice Date: 2024-05-06",
			},
			want: billSummary{Name: "Contoso Ltd", Date: "2024-05-06", Carrier: "Northwind Traders"},
		},
		{
			name: "service provider under a note in parentheses",
			rows: []string{
				"Invoice Date: May 4, 2024",
				" | Service Provider:",
				" | (Not to be used for payment remittance)",
				" | Example Cloud, Inc.",
			},
			want: billSummary{Date: "2024-05-04", Carrier: "Example Cloud, Inc."},
		},
		{
			name: "from and to labels side by side",
			rows: []string{
				"De : | Pour :",
				"Hébergeur SAS | Client Exemple",
				"63 Boulevard Massena | 40 rue Chef-de-Baie",
				"75013 Paris | 17000 La Rochelle",
				"Date : 2 mars 2022",
			},
			want: billSummary{Name: "Client Exemple", Date: "2022-03-02", Carrier: "Hébergeur SAS"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(ReadBill(doc(page(t, tt.rows...)), "US"))
			got.Numbers, got.Services, got.Notices, got.BTN, got.Mailing = nil, nil, nil, "", ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestConflictingValuesAreNotReported: two account numbers beside the
// same label, or two statement dates, are a coin toss; the reader keeps
// the first but under MinConfidence, so it is reported as not found.
func TestConflictingValuesAreNotReported(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		get  func(*Bill) Value
	}{
		{"account numbers", []string{"Account Number: 11111", "Account Number: 22222"}, func(b *Bill) Value { return b.AccountNumber }},
		{"statement dates", []string{"Statement Date: 11/03/2026", "Statement Date: 10/03/2026"}, func(b *Bill) Value { return b.BillDate }},
		{"a fragment of a carrier's account number", []string{"T-Mobile", "Account number: 0992"}, func(b *Bill) Value { return b.AccountNumber }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.get(ReadBill(doc(page(t, tt.rows...)), "US"))
			if !v.Found() || v.Confidence >= MinConfidence {
				t.Errorf("got %+v, want a value under MinConfidence", v)
			}
		})
	}
	agree := ReadBill(doc(page(t, "Statement Date: 11/03/2026", "Statement Date: Nov 3, 2026")), "US")
	if agree.BillDate.Confidence < MinConfidence {
		t.Errorf("the same date printed twice lost confidence: %+v", agree.BillDate)
	}
}

func TestFindDateLanguages(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{langES, "14/02/2023", "2023-02-14"},
		{langES, "FECHA 08 / 02 / 23", "2023-02-08"},
		{langES, "1 de marzo de 2022", "2022-03-01"},
		{langFR, "le 16 novembre 2019 12,99", "2019-11-16"},
		{langFR, "02 Juillet 2015", "2015-07-02"},
		{langDE, "7. Mai 2014", "2014-05-07"},
		{langDE, "05.03.2013", "2013-03-05"},
		{langNL, "19 april 2014", "2014-04-19"},
		{langNL, "29 maart 2014", "2014-03-29"},
		{langEN, "20-10-2015", "2015-10-20"},
		{langEN, "August 3 , 2014", "2014-08-03"},
		{langEN, "Jan 25, 2025 0992 1 of 8", "2025-01-25"},
		{langES, "2024/07/05", "2024-07-05"},
		{langEN, "Page 3 of 8 12.99 total", ""},
		{langFR, "jour/mois/année", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.in, func(t *testing.T) {
			d, _, ok := findDate(tt.in, tt.lang)
			got := ""
			if ok {
				got = d.Format(time.DateOnly)
			}
			if got != tt.want {
				t.Errorf("findDate(%q, %s) = %q, want %q", tt.in, tt.lang, got, tt.want)
			}
		})
	}
}

func TestDocumentLanguage(t *testing.T) {
	tests := []struct{ want, text string }{
		{langEN, "Your bill for the month of May and the amount due"},
		{langES, "Factura de la cuenta del cliente con fecha y domicilio"},
		{langFR, "Votre facture du mois et le montant de vos services pour le client"},
		{langDE, "Ihre Rechnung und der Betrag für die Kunde mit Datum"},
		{langNL, "Uw factuur en het bedrag voor de klant van een maand"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := documentLanguage(doc(page(t, tt.text))); got != tt.want {
				t.Errorf("documentLanguage(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

// FuzzReadBill reads a one-page document made of the fuzzed lines: no
// input may panic the readers (the date parser included) or make a date
// that is not a day between 1990 and 2100.
func FuzzReadBill(f *testing.F) {
	for _, s := range []string{
		"Rechnungsdatum 7. Mai 2014\nKundennr. 47774",
		"Razón Social:LA SEGUNDA | Fecha de Emisión: 14/02/2023",
		"Facture n°5620 du 2 juillet 2025\nDate limite de paiement le 05 juillet 2025",
		"Klant | Order | Factuur datum\nKL0099887 | OR1234 | 8-9-2022",
		"De : | Pour :\nA SAS | B\n1 rue X | 2 rue Y\n75013 Paris | 17000 La Rochelle",
		"Date: 08 / 02 / 23",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		b := ReadBill(doc(page(t, strings.Split(text, "\n")...)), "US")
		if b.BillDate.Found() && (b.Date.Year() < 1990 || b.Date.Year() > 2100) {
			t.Errorf("date %v read from %q", b.Date, b.BillDate.Text)
		}
	})
}
