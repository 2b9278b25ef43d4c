package fields

import (
	"strings"
)

// periodEndLabel dates a bill by the end of its billing period
// ("Billing period ending December 1, 2026"): the statement's date when
// nothing else dates it.
var periodEndLabel = lazyRegexp(`(?i)\b(?:(?:billing|statement|service) )?period end(?:ing|ed)\s*:?`)

// Labels in the spellings DOMAIN.md and real bills use. Each regexp
// matches on a line's words joined by single spaces; \b keeps
// "Account Number" from matching inside "Billing Account Numbers Guide".
// Decoys (due dates, billing periods, remittance addresses) have no
// pattern here on purpose: a value is only ever read beside its own label.
var (
	accountNumberLabel = lazyRegexp(`(?i)\b(?:billing account (?:number|no\.?|#)|account (?:number|no\.?|#|id)|acct\.? ?(?:number|no\.?|#)|customer (?:id|number|no\.?|#)|client (?:id|number)|id\. ?client|ban|account` +
		// es, fr, de, nl
		`|n[°º]? ?de cliente|n[úu]mero de cliente|c[óo]digo de cliente|cuenta (?:n[°º]|nro\.?|n[úu]mero)` +
		`|n[°º] de compte client|n[°º] ?client|num[ée]ro (?:de )?client|identifiant client|r[ée]f[ée]rence client` +
		`|kundennummer|kunden-?nr\.?|kundennr\.?` +
		`|klantnummer|klantnr\.?|klant)(?:\s|$|[:#.])\s*[:#]?`)
	billDateLabel = lazyRegexp(`(?i)\b(?:bill(?:ing)? date|bill issue date|statement date|invoice date|date of (?:bill|statement|invoice|issue)|issue date|date issued|(?:bill|statement|invoice) issued(?: on)?` +
		`|fecha de emisi[óo]n|fecha de (?:la )?factura|fecha y hora` +
		`|date de (?:la )?factur(?:e|ation)|date d['’][ée]mission|facture (?:n[°º] ?\S+ )?du` +
		`|rechnungsdatum|belegdatum|factuurdatum|factuur datum)(?:\s|$|[:.])\s*:?`)
	// genericDateLabel is a bare "Date": the bill's own date unless a
	// word beside it makes it another one (due date, order date).
	genericDateLabel = lazyRegexp(`(?i)(?:^|\s)(?:date|fecha|datum|data)(?:\s|$|:)\s*:?`)
	dateQualifier    = lazyRegexp(`(?i)\b(?:due|order|delivery|ship(?:ping|ped)?|payment|paid|start|end|effective|expiration|expiry|service|check|from|to|vto\.?|vencimiento|inicio|entrega|pago|limite|limit|d['’][ée]ch[ée]ance|[ée]chue|livraison|commande|paiement|liefer\w*|leistungs\w*|f[äa]llig\w*|zahl\w*|bestell\w*|lever\w*|verval\w*|betaal\w*|of birth|naissance|nacimiento)\b`)
	serviceAddrLabel = lazyRegexp(`(?i)\b(?:service address|service location|svc\.? addr(?:ess)?|service addr|(?:service )?premises(?: address)?|site address|physical (?:service )?address|e?-?911 address|location address|location of service|installation address|service at|service for|address of service|ship(?:ping)? to|shipping address|delivery address|deliver to` +
		`|direcci[óo]n de entrega|domicilio de entrega|lugar de entrega|env[íi]e a|enviar a` +
		`|adresse (?:de (?:l['’])?)?(?:installation|livraison)|livr[ée] [àa]` +
		`|lieferadresse|lieferanschrift|empf[äa]nger|afleveradres|bezorgadres)(?:\s|$|:)\s*:?`)
	mailingAddrLabel = lazyRegexp(`(?i)\b(?:bill to|billing address|mailing address|mail to|send to)\s*:?`)
	accountNameLabel = lazyRegexp(`(?i)\b(?:account name|customer name|bill(?:ing)? name|name on (?:the )?account|business name|company name|account holder|subscriber name|prepared for|guest name` +
		`|apellido y nombre ?/ ?raz[óo]n social|señor(?:/es|\(es\)|es)?|cliente` +
		`|nom de l['’]abonn[ée]|nom du client|raison sociale` +
		`|rechnungsempf[äa]nger|kunde|klantnaam)(?:\s|$|:)\s*:?`)
	// customerBlockLabel heads a block whose first line is the customer.
	customerBlockLabel = lazyRegexp(`(?i)\b(?:bill(?:ed)? to(?: address)?|billing address|sold to|invoice to|cobrar a|facturar a|factur[ée] [àa]|rechnung an|bestellt von|rechnungsadresse|factuuradres)(?:\s|$|:)\s*:?|(?:^|\s)(?:pour|to|an|aan|para)\s*:`)
	// legalNameLabel is the AFIP form's "Razón Social": the buyer's
	// when it stands alone, the issuer's when the form also has an
	// "Apellido y Nombre / Razón Social" for the buyer.
	legalNameLabel = lazyRegexp(`(?i)(?:^|\s)raz[óo]n social\s*:`)
	btnLabel       = lazyRegexp(`(?i)\b(?:billing (?:telephone|phone|tel\.?)(?: (?:number|no\.?|#))?|btn|main (?:billing |company |account )?(?:telephone |phone )?number|main line|primary (?:telephone |phone )?number|account telephone number)\s*:?`)
)

// Words on a label's line that make an account number a bank's.
var bankContext = lazyRegexp(`(?i)\b(?:bank\w*|iban|bic|swift|ifsc|titulaire|kontoinhaber|rekening\w*|cbu|routing)\b`)

// A name printed after a courtesy or routing prefix: the name is what
// follows.
var attention = lazyRegexp(`(?i)^(?:attn\.?|attention|c/o|z\.\s?hd\.?|[àa] l['’]attention de)\s*:?\s*`)

// Context that makes a telephone number the issuer's, not the account's.
var issuerNumberContext = lazyRegexp(`(?i)\b(?:questions?|call us|contact us|customer (?:service|care|support)|care center|support|pay(?:ment)? by phone|to pay|pay by|make a payment|billing inquir\w*|fax|toll[- ]free|visit|dial|outage|repair|tty|24/7|assistance|help|hours|mon(?:day)?\s*-|sales|by phone|ways to pay|ask about|pricing|learn more|sign up)\b`)

var (
	callWord   = lazyRegexp(`(?i)\bcall\b`)
	callDetail = lazyRegexp(`(?i)\bcall (?:detail|log|history)|\bcalls (?:from|made|by)\b`)
)

// A call-detail row: a time of day or a duration, with a date. The
// numbers in it were called, not owned.
var (
	timeOfDay = lazyRegexp(`\b\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\b`)
	duration  = lazyRegexp(`(?i)\b\d+\s*(?:min|mins|minutes)\b|\b\d+:\d{2}:\d{2}\b`)
	shortDate = lazyRegexp(`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b`)
)

// Signs that a port will strand or fail (DOMAIN.md). Ads mention
// internet too, so a service only counts on a line that charges for it
// or lists it as a feature of the account.
var (
	specialService  = lazyRegexp(`(?i)\b(?:DSL|high[- ]speed internet|internet(?: service| access| \d+ ?[mg]bps)?|broadband|hunt(?:ing)? group|hunting|ISDN|PRI|Centrex|alarm (?:line|monitoring|circuit|service)|remote call forwarding)\b`)
	chargeOrFeature = lazyRegexp(`(?i)\$\s?\d+\.\d{2}|\b\d+\.\d{2}\b|\bfeature|\bservices? on (?:this|your) (?:line|account)|\bincluded\b|\bmonthly\b`)
	featuresHeading = lazyRegexp(`(?i)^(?:features|services|features (?:and|&) services|(?:features|services) on (?:this|your) (?:line|account))\b`)
	atRisk          = lazyRegexp(`(?i)\b(?:past due|final (?:bill|notice)|disconnect(?:ion)? notice|notice of disconnect\w*|service (?:will|may) be (?:disconnected|suspended|interrupted)|scheduled for disconnect\w*|overdue)\b`)
	atRiskNegated   = lazyRegexp(`(?i)\bto disconnect\b|\$?\s?0\.00\b|\bno past due\b`)
)

// otherLabel is a label of a field this package does not read, or of a
// decoy (DOMAIN.md): it names a value, it is never one.
var otherLabel = lazyRegexp(`(?i)^(?:(?:billing|service|statement|bill) (?:period|cycle)|(?:services?|billing) from|period|due date|payment due|pay by|amount due|total(?: amount)? due|amount enclosed|previous (?:bill|balance)|balance forward|remaining balance|next bill|auto ?pay(?: scheduled)?|payment received|invoice (?:number|no\.?|#)|page|questions\??|remit to|city|state|zip(?: code)?|postal code|suite(?: ?/ ?unit)?|unit|port type|e-?mail|contact phone|phone|fax|telephone numbers?|lines on this account|your numbers|plan|amount|total|current (?:carrier|provider)|printed name|title|(?:authori[sz]ed )?signature|date signed|date)(?:\s|$|[:#.])\s*[:#]?`)

// knownLabels are the labels isLabel knows: every field's and the
// decoys'.
var knownLabels = []*pattern{accountNumberLabel, billDateLabel, genericDateLabel, serviceAddrLabel, mailingAddrLabel, accountNameLabel, customerBlockLabel, btnLabel, otherLabel}

// isLabel says whether text is a label as a whole ("Billing period",
// "ACCOUNT NUMBER", "Date (MM/DD/YYYY)") or a label with its colon
// ("Due Date: 11/12/2026"): a known label is never another field's
// value.
func isLabel(text string) bool {
	t := strings.TrimSpace(text)
	folded := foldText(t)
	for _, re := range knownLabels {
		if !needOf(re).mayMatch(folded) {
			continue
		}
		loc := re.FindStringIndex(t)
		if loc == nil || loc[0] > 1 {
			continue
		}
		if strings.Contains(t[loc[0]:loc[1]], ":") {
			return true
		}
		rest := strings.TrimSpace(strings.Trim(t[loc[1]:], ":#"))
		if rest == "" || strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") && !strings.Contains(rest[1:], "(") {
			return true
		}
	}
	return false
}

// startsWithLabel says whether text begins with a label of two words or
// more, or one with its colon, and goes on with a value ("Amount due
// December 26, 2026"): the row of another label, under the one read.
func startsWithLabel(text string) bool {
	t := strings.TrimSpace(text)
	folded := foldText(t)
	for _, re := range knownLabels {
		if !needOf(re).mayMatch(folded) {
			continue
		}
		loc := re.FindStringIndex(t)
		if loc == nil || loc[0] > 1 {
			continue
		}
		m := strings.TrimSpace(t[loc[0]:loc[1]])
		if strings.Contains(m, ":") || len(strings.Fields(m)) >= 2 {
			return true
		}
	}
	return false
}
