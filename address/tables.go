package address

import "strings"

// Tables from USPS Publication 28 (Postal Addressing Standards): Appendix
// C1 street suffixes (common spellings -> standard abbreviation), C2
// secondary unit designators, directionals (section 233) and the state
// and territory abbreviations (Appendix B). Carriers validate service
// addresses against the same standard, so a difference these tables
// explain is an abbreviation, not a different address.

var suffixes = abbreviations(suffixRows)

// suffixRows: the standard abbreviation first, then every spelling that
// maps to it.
var suffixRows = [][]string{
	{"ALY", "ALLEY", "ALLEE", "ALLY"}, {"ANX", "ANNEX", "ANNX", "ANEX"}, {"ARC", "ARCADE"},
	{"AVE", "AVENUE", "AV", "AVEN", "AVENU", "AVN", "AVNUE"}, {"BYU", "BAYOU", "BAYOO"}, {"BCH", "BEACH"},
	{"BND", "BEND"}, {"BLF", "BLUFF", "BLUF"}, {"BTM", "BOTTOM", "BOT", "BOTTM"},
	{"BLVD", "BOULEVARD", "BOUL", "BOULV"}, {"BR", "BRANCH", "BRNCH"}, {"BRG", "BRIDGE", "BRDGE"},
	{"BRK", "BROOK"}, {"BYP", "BYPASS", "BYPA", "BYPAS", "BYPS"}, {"CP", "CAMP", "CMP"},
	{"CYN", "CANYON", "CANYN", "CNYN"}, {"CPE", "CAPE"}, {"CSWY", "CAUSEWAY", "CAUSWA"},
	{"CTR", "CENTER", "CEN", "CENT", "CENTR", "CENTRE", "CNTER", "CNTR"}, {"CIR", "CIRCLE", "CIRC", "CIRCL", "CRCL", "CRCLE"},
	{"CLF", "CLIFF"}, {"CLB", "CLUB"}, {"COR", "CORNER"}, {"CORS", "CORNERS"}, {"CRSE", "COURSE"},
	{"CT", "COURT"}, {"CTS", "COURTS"}, {"CV", "COVE"}, {"CRK", "CREEK"}, {"CRES", "CRESCENT", "CRSENT", "CRSNT"},
	{"XING", "CROSSING", "CRSSNG"}, {"CURV", "CURVE"}, {"DL", "DALE"}, {"DM", "DAM"}, {"DV", "DIVIDE", "DIV", "DVD"},
	{"DR", "DRIVE", "DRIV", "DRV"}, {"DRS", "DRIVES"}, {"EST", "ESTATE"}, {"ESTS", "ESTATES"},
	{"EXPY", "EXPRESSWAY", "EXP", "EXPR", "EXPRESS", "EXPW"}, {"EXT", "EXTENSION", "EXTN", "EXTNSN"},
	{"FLS", "FALLS"}, {"FRY", "FERRY", "FRRY"}, {"FLD", "FIELD"}, {"FLDS", "FIELDS"}, {"FLT", "FLAT"},
	{"FRD", "FORD"}, {"FRST", "FOREST", "FORESTS"}, {"FRG", "FORGE", "FORG"}, {"FRK", "FORK"},
	{"FT", "FORT", "FRT"}, {"FWY", "FREEWAY", "FREEWY", "FRWAY", "FRWY"}, {"GDN", "GARDEN", "GARDN", "GRDEN", "GRDN"},
	{"GDNS", "GARDENS", "GRDNS"}, {"GTWY", "GATEWAY", "GATEWY", "GATWAY", "GTWAY"}, {"GLN", "GLEN"},
	{"GRN", "GREEN"}, {"GRV", "GROVE", "GROV"}, {"HBR", "HARBOR", "HARB", "HARBR", "HRBOR"}, {"HVN", "HAVEN"},
	{"HTS", "HEIGHTS", "HT"}, {"HWY", "HIGHWAY", "HIGHWY", "HIWAY", "HIWY", "HWAY"}, {"HL", "HILL"}, {"HLS", "HILLS"},
	{"HOLW", "HOLLOW", "HLLW", "HOLLOWS", "HOLWS"}, {"INLT", "INLET"}, {"IS", "ISLAND", "ISLND"}, {"ISLE", "ISLES"},
	{"JCT", "JUNCTION", "JCTION", "JCTN", "JUNCTN", "JUNCTON"}, {"KY", "KEY"}, {"KYS", "KEYS"}, {"KNL", "KNOLL", "KNOL"}, {"KNLS", "KNOLLS"},
	{"LK", "LAKE"}, {"LKS", "LAKES"}, {"LNDG", "LANDING", "LNDNG"}, {"LN", "LANE"}, {"LGT", "LIGHT"},
	{"LOOP", "LOOPS"}, {"MALL"}, {"MNR", "MANOR"}, {"MDW", "MEADOW"}, {"MDWS", "MEADOWS", "MEDOWS"},
	{"ML", "MILL"}, {"MLS", "MILLS"}, {"MSN", "MISSION", "MISSN", "MSSN"}, {"MTWY", "MOTORWAY"},
	{"MT", "MOUNT", "MNT"}, {"MTN", "MOUNTAIN", "MNTAIN", "MNTN", "MOUNTIN", "MTIN"}, {"NCK", "NECK"},
	{"ORCH", "ORCHARD", "ORCHRD"}, {"OVAL", "OVL"}, {"PARK", "PRK", "PARKS"}, {"PKWY", "PARKWAY", "PARKWY", "PKWAY", "PKY", "PARKWAYS", "PKWYS"},
	{"PASS"}, {"PSGE", "PASSAGE"}, {"PATH", "PATHS"}, {"PIKE", "PIKES"}, {"PNE", "PINE"}, {"PNES", "PINES"},
	{"PL", "PLACE"}, {"PLN", "PLAIN"}, {"PLNS", "PLAINS"}, {"PLZ", "PLAZA", "PLZA"}, {"PT", "POINT"}, {"PTS", "POINTS"},
	{"PRT", "PORT"}, {"PR", "PRAIRIE", "PRR"}, {"RADL", "RADIAL", "RAD", "RADIEL"}, {"RAMP"}, {"RNCH", "RANCH", "RANCHES", "RNCHS"},
	{"RPD", "RAPID"}, {"RPDS", "RAPIDS"}, {"RST", "REST"}, {"RDG", "RIDGE", "RDGE"}, {"RIV", "RIVER", "RVR", "RIVR"},
	{"RD", "ROAD"}, {"RDS", "ROADS"}, {"RTE", "ROUTE"}, {"ROW"}, {"RUN"}, {"SHL", "SHOAL"}, {"SHR", "SHORE", "SHOAR"},
	{"SHRS", "SHORES"}, {"SKWY", "SKYWAY"}, {"SPG", "SPRING", "SPNG", "SPRNG"}, {"SPGS", "SPRINGS", "SPNGS", "SPRNGS"},
	{"SPUR", "SPURS"}, {"SQ", "SQUARE", "SQR", "SQRE", "SQU"}, {"STA", "STATION", "STATN", "STN"},
	{"STRA", "STRAVENUE", "STRAV", "STRAVEN", "STRAVN", "STRVN", "STRVNUE"}, {"STRM", "STREAM", "STREME"},
	{"ST", "STREET", "STRT", "STR"}, {"STS", "STREETS"}, {"SMT", "SUMMIT", "SUMIT", "SUMITT"},
	{"TER", "TERRACE", "TERR"}, {"TRCE", "TRACE", "TRACES"}, {"TRAK", "TRACK", "TRACKS", "TRK", "TRKS"},
	{"TRFY", "TRAFFICWAY"}, {"TRL", "TRAIL", "TRAILS", "TRLS"}, {"TUNL", "TUNNEL", "TUNEL", "TUNLS", "TUNNELS", "TUNNL"},
	{"TPKE", "TURNPIKE", "TRNPK", "TURNPK"}, {"UPAS", "UNDERPASS"}, {"UN", "UNION"}, {"VLY", "VALLEY", "VALLY", "VLLY"},
	{"VIA", "VIADUCT", "VDCT", "VIADCT"}, {"VW", "VIEW"}, {"VLG", "VILLAGE", "VILL", "VILLAG", "VILLG", "VILLIAGE"},
	{"VL", "VILLE"}, {"VIS", "VISTA", "VIST", "VST", "VSTA"}, {"WALK", "WALKS"}, {"WALL"}, {"WAY", "WY"},
	{"WL", "WELL"}, {"WLS", "WELLS"}, {"CMN", "COMMON"}, {"CMNS", "COMMONS"}, {"CRST", "CREST"},
	{"BG", "BURG"}, {"BGS", "BURGS"}, {"BLFS", "BLUFFS"}, {"BRKS", "BROOKS"}, {"CTRS", "CENTERS"},
	{"CIRS", "CIRCLES"}, {"CLFS", "CLIFFS"}, {"CLBS", "CLUBS"}, {"CPS", "CAMPS"}, {"CVS", "COVES"},
	{"CURVS", "CURVES"}, {"XRD", "CROSSROAD"}, {"XRDS", "CROSSROADS"}, {"EXTS", "EXTENSIONS"},
	{"FALL"}, {"FLTS", "FLATS"}, {"FRDS", "FORDS"}, {"FRGS", "FORGES"}, {"FRKS", "FORKS"},
	{"GLNS", "GLENS"}, {"GRNS", "GREENS"}, {"GRVS", "GROVES"}, {"HBRS", "HARBORS"}, {"ISS", "ISLANDS", "ISLNDS"},
	{"JCTS", "JUNCTIONS", "JCTNS"}, {"LF", "LOAF"}, {"LCK", "LOCK"}, {"LCKS", "LOCKS"}, {"LDG", "LODGE", "LDGE", "LODG"},
	{"LGTS", "LIGHTS"}, {"MNRS", "MANORS"}, {"MEWS"}, {"MTNS", "MOUNTAINS"}, {"OPAS", "OVERPASS"},
	{"PRTS", "PORTS"}, {"RDGS", "RIDGES"}, {"SHLS", "SHOALS"}, {"SQS", "SQUARES", "SQRS"},
	{"TRWY", "THROUGHWAY"}, {"TRLR", "TRAILER", "TRLRS"}, {"UNS", "UNIONS"}, {"VLYS", "VALLEYS"},
	{"VWS", "VIEWS"}, {"VLGS", "VILLAGES"}, {"WAYS"}, {"CMNS", "COMMONS"},
}

var units = abbreviations(unitRows)

var unitRows = [][]string{
	{"APT", "APARTMENT"}, {"BSMT", "BASEMENT"}, {"BLDG", "BUILDING"}, {"DEPT", "DEPARTMENT"}, {"FL", "FLOOR", "FLR"},
	{"FRNT", "FRONT"}, {"HNGR", "HANGAR"}, {"KEY"}, {"LBBY", "LOBBY"}, {"LOT"}, {"LOWR", "LOWER"}, {"OFC", "OFFICE"},
	{"PH", "PENTHOUSE"}, {"PIER"}, {"REAR"}, {"RM", "ROOM"}, {"SIDE"}, {"SLIP"}, {"SPC", "SPACE"}, {"STOP"},
	{"STE", "SUITE", "SUIT"}, {"TRLR", "TRAILER"}, {"UNIT"}, {"UPPR", "UPPER"},
}

// noNumberUnits are the C2 designators that take no identifier.
var noNumberUnits = map[string]bool{
	"BSMT": true, "FRNT": true, "LBBY": true, "LOWR": true, "OFC": true, "PH": true, "REAR": true, "SIDE": true, "UPPR": true,
}

// abbreviatedSuffix holds the standard forms that are not themselves
// words (ST, AVE, but not PARK or WAY): seen in a one-line address, they
// end the street, while PARK may begin a city's name.
var abbreviatedSuffix = func() map[string]bool {
	m := map[string]bool{}
	for _, row := range suffixRows {
		longest := row[0]
		for _, s := range row {
			if len(s) > len(longest) {
				longest = s
			}
		}
		if len(row[0]) < len(longest)-1 {
			m[row[0]] = true
		}
	}
	return m
}()

// spelledNumbers: Pub 28 files a house number spelled out ("One Main
// Plaza") in figures.
var spelledNumbers = func() map[string]string {
	m := map[string]string{}
	for i, w := range strings.Fields("ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE") {
		m[w] = strings.Fields("1 2 3 4 5 6 7 8 9 10 11 12")[i]
	}
	return m
}()

var directions = map[string]string{
	"N": "N", "NORTH": "N", "S": "S", "SOUTH": "S", "E": "E", "EAST": "E", "W": "W", "WEST": "W",
	"NE": "NE", "NORTHEAST": "NE", "NW": "NW", "NORTHWEST": "NW", "SE": "SE", "SOUTHEAST": "SE", "SW": "SW", "SOUTHWEST": "SW",
}

var states = map[string]string{
	"ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR", "CALIFORNIA": "CA", "COLORADO": "CO",
	"CONNECTICUT": "CT", "DELAWARE": "DE", "DISTRICT OF COLUMBIA": "DC", "FLORIDA": "FL", "GEORGIA": "GA",
	"HAWAII": "HI", "IDAHO": "ID", "ILLINOIS": "IL", "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS",
	"KENTUCKY": "KY", "LOUISIANA": "LA", "MAINE": "ME", "MARYLAND": "MD", "MASSACHUSETTS": "MA",
	"MICHIGAN": "MI", "MINNESOTA": "MN", "MISSISSIPPI": "MS", "MISSOURI": "MO", "MONTANA": "MT",
	"NEBRASKA": "NE", "NEVADA": "NV", "NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM",
	"NEW YORK": "NY", "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", "OHIO": "OH", "OKLAHOMA": "OK",
	"OREGON": "OR", "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI", "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD",
	"TENNESSEE": "TN", "TEXAS": "TX", "UTAH": "UT", "VERMONT": "VT", "VIRGINIA": "VA", "WASHINGTON": "WA",
	"WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY", "PUERTO RICO": "PR", "GUAM": "GU",
	"VIRGIN ISLANDS": "VI", "AMERICAN SAMOA": "AS", "NORTHERN MARIANA ISLANDS": "MP",
}

// oldStates are the older abbreviations still printed on some bills.
var oldStates = map[string]string{
	"ALA": "AL", "ARIZ": "AZ", "ARK": "AR", "CALIF": "CA", "CAL": "CA", "COLO": "CO", "CONN": "CT", "DEL": "DE",
	"FLA": "FL", "ILL": "IL", "IND": "IN", "KAN": "KS", "KANS": "KS", "MASS": "MA", "MICH": "MI", "MINN": "MN",
	"MISS": "MS", "NEB": "NE", "NEBR": "NE", "NEV": "NV", "OKLA": "OK", "ORE": "OR", "PENN": "PA", "PENNA": "PA",
	"TENN": "TN", "TEX": "TX", "WASH": "WA", "WIS": "WI", "WISC": "WI", "WYO": "WY", "US VIRGIN ISLANDS": "VI", "FEDERATED STATES OF MICRONESIA": "FM",
	"MARSHALL ISLANDS": "MH", "PALAU": "PW", "ARMED FORCES AMERICAS": "AA", "ARMED FORCES EUROPE": "AE",
	"ARMED FORCES PACIFIC": "AP",
}

var stateCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range states {
		m[c] = true
	}
	for name, c := range oldStates {
		states[name] = c
		m[c] = true
	}
	return m
}()

// abbreviations maps every spelling of a row to the row's first entry.
// A function, not init, so package-level values built from the tables
// (in tests too) see them filled.
func abbreviations(rows [][]string) map[string]string {
	m := map[string]string{}
	for _, row := range rows {
		for _, s := range row {
			m[s] = row[0]
		}
	}
	return m
}
