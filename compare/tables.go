package compare

import "strings"

// nameAbbrevRows lists the abbreviations carriers' records use for
// business and personal names: the short form first, then the spellings
// that mean it. Carriers' CSR systems truncate and abbreviate names to fit
// fixed-width fields, so these are the differences a lenient carrier
// forgives and a strict one does not.
var nameAbbrevRows = [][]string{
	{"INC", "INCORPORATED", "INCORP"}, {"CORP", "CORPORATION", "CORPN"}, {"CO", "COMPANY", "CMPY"},
	{"LTD", "LIMITED"}, {"LLC"}, {"LLP"}, {"PC"}, {"DBA"}, {"&", "AND"},
	{"ST", "SAINT"}, {"STE", "SAINTE"}, {"MT", "MOUNT"}, {"FT", "FORT"},
	{"BROS", "BROTHERS", "BRO"}, {"ASSOC", "ASSOCIATES", "ASSOCS", "ASSOCIATE"}, {"ASSN", "ASSOCIATION"},
	{"INTL", "INTERNATIONAL", "INTERNATL"}, {"DEPT", "DEPARTMENT"}, {"SVCS", "SERVICES", "SRVCS"},
	{"SVC", "SERVICE", "SRVC"}, {"MGMT", "MANAGEMENT"}, {"MFG", "MANUFACTURING"}, {"NATL", "NATIONAL"},
	{"UNIV", "UNIVERSITY"}, {"HOSP", "HOSPITAL"}, {"CTR", "CENTER", "CENTRE", "CNTR"}, {"DR", "DOCTOR"},
	{"PROF", "PROFESSIONAL"}, {"INS", "INSURANCE"}, {"DEV", "DEVELOPMENT"},
	{"TECH", "TECHNOLOGY", "TECHNOLOGIES", "TECHS"}, {"COMM", "COMMUNICATIONS", "COMMUNICATION", "COMMS"},
	{"GRP", "GROUP"}, {"PTNRS", "PARTNERS"}, {"PTNSHP", "PARTNERSHIP"}, {"ENT", "ENTERPRISES", "ENTERPRISE"},
	{"IND", "INDUSTRIES", "INDUS"}, {"JR", "JUNIOR"}, {"SR", "SENIOR"}, {"DIST", "DISTRIBUTION", "DISTRIBUTORS"},
	{"GOVT", "GOVERNMENT"}, {"EQUIP", "EQUIPMENT"}, {"ELEC", "ELECTRIC", "ELECTRICAL"},
	{"ENGR", "ENGINEERING"}, {"SYS", "SYSTEMS"}, {"PROPS", "PROPERTIES"}, {"HLDGS", "HOLDINGS"},
	{"INVS", "INVESTMENTS"}, {"MED", "MEDICAL"}, {"HLTH", "HEALTH"}, {"CONSTR", "CONSTRUCTION"},
	{"AUTO", "AUTOMOTIVE"}, {"SCH", "SCHOOL"}, {"CH", "CHURCH"}, {"RESTR", "RESTAURANT"},
	{"LABS", "LABORATORIES"}, {"LAB", "LABORATORY"}, {"MKTG", "MARKETING"}, {"ACCTG", "ACCOUNTING"},
	{"FIN", "FINANCIAL"}, {"AMER", "AMERICAN"}, {"SOLNS", "SOLUTIONS"}, {"PHARM", "PHARMACY"},
}

// abbrevPhrases are the multi-word forms; longer phrases first so that
// LIMITED LIABILITY COMPANY wins over LIMITED.
var abbrevPhrases = []struct {
	words []string
	short string
}{
	{strings.Fields("LIMITED LIABILITY COMPANY"), "LLC"},
	{strings.Fields("LIMITED LIABILITY CORPORATION"), "LLC"},
	{strings.Fields("LIMITED LIABILITY PARTNERSHIP"), "LLP"},
	{strings.Fields("PROFESSIONAL CORPORATION"), "PC"},
	{strings.Fields("DOING BUSINESS AS"), "DBA"},
	{strings.Fields("D B A"), "DBA"},
	{strings.Fields("L L C"), "LLC"},
}

var nameAbbrev = func() map[string]string {
	m := map[string]string{}
	for _, row := range nameAbbrevRows {
		for _, s := range row {
			m[s] = row[0]
		}
	}
	return m
}()
