package org.breachnotify.demo;

import java.util.List;

/** Word lists for the synthetic register. Surnames with a prefix are written {@code prefix|surname}. */
final class NamePools {

    private NamePools() {
    }

    static final List<String> DUTCH_SURNAMES = List.of(
            "de|Jong", "Jansen", "de|Vries", "van den|Berg", "van|Dijk", "Bakker", "Janssen", "Visser", "Smit",
            "Meijer", "de|Boer", "Mulder", "de|Groot", "Bos", "Vos", "Peters", "Hendriks", "van|Leeuwen", "Dekker",
            "Brouwer", "de|Wit", "Dijkstra", "Smits", "de|Graaf", "van der|Meer", "van der|Linden", "Kok", "Jacobs",
            "de|Haan", "Vermeulen", "van den|Heuvel", "van der|Veen", "van den|Broek", "de|Bruijn", "de|Bruin",
            "van der|Heijden", "Schouten", "van|Beek", "Willems", "van|Vliet", "van de|Ven", "Hoekstra", "Maas",
            "Verhoeven", "Koster", "van|Dam", "van der|Wal", "Prins", "Blom", "Huisman", "Peeters", "de|Jonge",
            "Kuipers", "van|Veen", "Post", "Kuiper", "Veenstra", "Kramer", "van den|Brink", "Scholten", "van|Wijk",
            "Postma", "Martens", "Vink", "de|Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker", "van|Loon",
            "Boer", "van der|Velde", "Willemsen", "Smeets", "de|Lange", "de|Vos", "Bosch", "van|Dongen", "Schipper",
            "de|Koning", "van der|Laan", "Koning", "van der|Velden", "Driessen", "van|Doorn", "Hermans", "Evers",
            "van den|Bosch", "van der|Meulen", "Hofman", "Bosman", "Wouters", "Sanders", "van der|Zee", "Mol",
            "Verbeek", "Vermeer", "van|Rijn", "Hoogendoorn", "Claassen", "Pieters", "Boersma", "Kroon", "Franken",
            "van|Gils", "Wijnands", "Heijnen", "Molenaar", "van|Essen", "Kamphuis", "Brink", "Lammers", "Hoek",
            "van|Hoorn", "Jaspers", "Steenbergen", "van|Os", "Arts", "Bouwman", "Nijhuis", "van|Wijngaarden",
            "Zwart", "Aalbers", "Tromp", "Verschoor", "Geurts", "Beekman", "Donker", "van|Zanten", "de|Klerk",
            "Wolters", "Langeveld", "van|Kampen", "Haverkamp", "Sluiter", "ter|Horst", "ter|Haar", "ter|Beek",
            "te|Velde", "te|Riele", "van 't|Hof", "van 't|Veer", "in 't|Veld", "op de|Beek", "op den|Kamp",
            "uit den|Bogaard", "van de|Kamp", "van de|Pol", "van de|Laar", "van de|Water", "van der|Sluis",
            "van der|Horst", "van der|Poel", "van der|Kolk", "van der|Steen", "van der|Ploeg", "van der|Hoeven",
            "van den|Akker", "van den|Hoek", "van den|Dool", "van den|Bergh", "van|Beuningen", "van|Rossum",
            "van|Schaik", "van|Houten", "van|Eijk", "van|Buuren", "van|Ommen", "van|Aken",
            "de|Bruyn", "de|Kok", "de|Roos", "de|Wilde", "de|Man", "de|Mol", "de|Rooij", "de|Zwart", "de|Ridder",
            "de|Wolf", "de|Beer", "de|Leeuw", "de|Waal", "den|Hartog", "den|Ouden", "der|Kinderen",
            "Mertens", "Gijsbers", "Hoogland", "Kuijpers", "Schreurs", "Rutten", "Claessens",
            "Mes", "Hendriksen", "Buitenhuis", "Dijkman", "Hazelaar", "Oosterhuis", "Westerhof", "Zuidema",
            "Noordhuis", "Oostra", "Wester", "Bergsma", "Sijbesma", "Hiemstra", "Kingma", "Bakema", "Terpstra",
            "Wiersma", "Zijlstra", "de|Haas", "Huizinga", "Feenstra", "Haringsma", "Tjeerdema", "Bouma",
            "Stam", "Kortekaas", "Spijkerman", "Rietveld", "Verhagen", "Verhoef", "Versteeg", "Bruinsma",
            "Lubbers", "Brinkman", "Hulshof", "Wessels", "Lensink", "Reinders", "Mulders", "Hoving", "Bleeker",
            "Eijkelenboom", "Hoogeveen", "Kooistra", "Schaap", "Visscher", "Teunissen", "Thijssen", "Gerrits",
            "Maassen", "Coenen", "Custers", "Derksen", "Ebbers", "Fransen", "Goossens", "Hermsen", "Jeurissen",
            "Kersten", "Lambregts", "Michels", "Nelissen", "Philipsen", "Raaijmakers", "Schoenmakers", "Timmers",
            "Vissers", "Wijnen", "Aarts", "Beckers", "Cornelissen", "Damen", "Engelen", "Frijns", "Gielen",
            "Heuvelmans", "Janssens", "Kuppens", "Leenders", "Meulenbroek", "Nooijen", "Oomen", "Pennings",
            "Quaedvlieg", "Roelofs", "Sengers", "Tielemans", "Verstappen", "Willemse", "van|Hoof", "van|Lieshout",
            "van de|Wiel", "van der|Aa", "van|Asten", "Ooms", "Dirks", "Dirkse", "Huijbregts", "Kools");

    static final List<String> INTERNATIONAL_SURNAMES = List.of(
            "Öztürk", "Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Aydın", "Doğan", "Arslan", "Koç",
            "Nguyễn", "Đặng", "Trần", "Lê", "Phạm", "Hoàng", "Võ",
            "El Idrissi", "El Amrani", "Bouzid", "Benali", "Ouali", "Aït Ahmed", "Boukhari",
            "Ramdin", "Sewgobind", "Jagesar", "Martina", "Pinas", "Rosaria",
            "Müller", "Schröder", "Meyer", "Weiß", "Gonçalves", "Fernández", "Núñez", "García", "Rossi",
            "Kowalski", "Wiśniewska", "Dąbrowski", "Nowak", "Kovačević", "Horváth", "Søndergaard",
            "Papadopoulos", "O'Neill", "Smith", "Wang", "Li", "Chen",
            "d'Hondt", "D'Agostino", "IJzerman", "IJsselstein", "IJpelaar");

    /** Ligature spellings that really occur in Dutch registers. */
    static final List<String> LIGATURE_SURNAMES = List.of("Ĳzerman", "Ĳsselstein", "Ĳpelaar");

    static final String INITIAL_LETTERS = "AAAABCCDEEFGGHHHIJJJJJKLLMMMMNPPRRSSTTWWY";

    static final List<String> STREETS = List.of(
            "Kerkstraat", "Schoolstraat", "Molenweg", "Dorpsstraat", "Stationsweg", "Julianastraat",
            "Beatrixstraat", "Wilhelminastraat", "Hoofdstraat", "Nieuwstraat", "Prins Bernhardlaan", "Oranjestraat",
            "Marktplein", "Parallelweg", "Industrieweg", "Eikenlaan", "Lindelaan", "Beukenlaan", "Kastanjelaan",
            "Sportlaan", "Emmastraat", "Burgemeester de Withstraat", "Van Goghstraat", "Rembrandtlaan",
            "Vondelstraat", "Tulpstraat", "Rozenstraat", "Populierenlaan", "Esdoornstraat", "Berkenlaan",
            "Wilgenstraat", "Kloosterstraat", "Raadhuisplein", "Zuiderweg", "Noordeinde", "Westersingel",
            "Oosterstraat", "Achterweg", "Voorstraat", "Havenstraat", "Dijkweg", "Lange Nieuwstraat",
            "Korte Gracht", "Herengracht", "Keizersgracht", "Prinsengracht", "Singel", "Coolsingel",
            "Laan van Meerdervoort", "'s-Gravendijkwal", "Van Oldenbarneveltlaan", "Graaf Florisstraat",
            "Jan van Galenstraat", "Admiraal de Ruyterweg", "Thorbeckestraat", "Mr. Troelstralaan",
            "Koningin Wilhelminaweg", "Prinses Irenestraat", "Hogeweg", "Brink", "Weverstraat", "Bakkerstraat",
            "Smedestraat", "Ververstraat", "Zandweg", "Veldweg", "Heideweg", "Boslaan", "Kanaalweg", "Sluisweg",
            "Fazantenlaan", "Merelstraat", "Lijsterlaan", "Meeuwenlaan", "Zwanenhof", "Reigerstraat",
            "Pastoor van Arsstraat", "Sint Janstraat", "Frederik Hendriklaan", "Pieter de Hoochstraat");

    /** Cities with a realistic range of four-digit postcode numbers. Larger cities appear more often. */
    static final List<City> CITIES = List.of(
            new City("Amsterdam", 1011, 1109), new City("Amsterdam", 1011, 1109), new City("Amsterdam", 1011, 1109),
            new City("Rotterdam", 3011, 3089), new City("Rotterdam", 3011, 3089), new City("'s-Gravenhage", 2491, 2599),
            new City("'s-Gravenhage", 2491, 2599), new City("Utrecht", 3511, 3585), new City("Utrecht", 3511, 3585),
            new City("Eindhoven", 5611, 5658), new City("Groningen", 9711, 9747), new City("Tilburg", 5011, 5049),
            new City("Almere", 1311, 1365), new City("Breda", 4811, 4839), new City("Nijmegen", 6511, 6546),
            new City("Apeldoorn", 7311, 7339), new City("Haarlem", 2011, 2037), new City("Arnhem", 6811, 6846),
            new City("Enschede", 7511, 7548), new City("Amersfoort", 3811, 3829), new City("Zaandam", 1501, 1509),
            new City("'s-Hertogenbosch", 5211, 5248), new City("Zwolle", 8011, 8043), new City("Leiden", 2311, 2334),
            new City("Maastricht", 6211, 6229), new City("Dordrecht", 3311, 3329), new City("Leeuwarden", 8911, 8941),
            new City("Delft", 2611, 2629), new City("Alkmaar", 1811, 1827), new City("Deventer", 7411, 7429),
            new City("Venlo", 5911, 5928), new City("Assen", 9401, 9411), new City("Middelburg", 4331, 4339),
            new City("Lelystad", 8211, 8245), new City("Hoorn", 1621, 1628), new City("Emmen", 7811, 7833),
            new City("Gouda", 2801, 2809), new City("Helmond", 5701, 5709), new City("Heerlen", 6411, 6422),
            new City("Sneek", 8601, 8609), new City("Goes", 4461, 4465), new City("Den Helder", 1781, 1789),
            new City("Roermond", 6041, 6045), new City("Oss", 5341, 5349), new City("Hilversum", 1211, 1223),
            new City("Ede", 6711, 6719), new City("Doetinchem", 7001, 7009), new City("Vlissingen", 4381, 4389),
            new City("Harderwijk", 3841, 3849), new City("Kampen", 8261, 8267), new City("Zeist", 3701, 3709),
            new City("Woerden", 3441, 3448), new City("Purmerend", 1441, 1448), new City("Hengelo", 7551, 7559),
            new City("Veendam", 9641, 9648), new City("Drachten", 9201, 9207), new City("Meppel", 7941, 7944),
            new City("Terneuzen", 4531, 4539), new City("Bergen op Zoom", 4611, 4625), new City("Weert", 6001, 6006),
            new City("Oud-Beijerland", 3261, 3263), new City("Wijk bij Duurstede", 3961, 3962));

    record City(String name, int fromPostcode, int toPostcode) {
    }

    /** Letters used in Dutch postcodes (F, I, O, Q, U and Y are not used). */
    static final String POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ";

    static final List<String> HOUSE_SUFFIXES = List.of("1", "2", "3", "hs", "bis", "A", "B", "II", "zw", "101");

    record ForeignPlace(String country, String city, String postcodePattern, List<String> streets) {
    }

    static final List<ForeignPlace> FOREIGN_PLACES = List.of(
            new ForeignPlace("BE", "Bruxelles", "10##", List.of("Rue de la Loi", "Avenue Louise", "Chaussée de Wavre")),
            new ForeignPlace("BE", "Antwerpen", "20##", List.of("Meir", "Kerkstraat", "Lange Kievitstraat")),
            new ForeignPlace("BE", "Gent", "90##", List.of("Veldstraat", "Korenmarkt", "Sint-Pietersnieuwstraat")),
            new ForeignPlace("BE", "Liège", "40##", List.of("Rue Saint-Gilles", "Boulevard d'Avroy")),
            new ForeignPlace("BE", "Brugge", "80##", List.of("Steenstraat", "Langestraat")),
            new ForeignPlace("DE", "Köln", "506##", List.of("Hohe Straße", "Aachener Straße", "Venloer Straße")),
            new ForeignPlace("DE", "Düsseldorf", "402##", List.of("Königsallee", "Kölner Straße")),
            new ForeignPlace("DE", "Aachen", "520##", List.of("Pontstraße", "Jülicher Straße")),
            new ForeignPlace("DE", "Münster", "481##", List.of("Prinzipalmarkt", "Hammer Straße")),
            new ForeignPlace("DE", "Berlin", "101##", List.of("Hauptstraße", "Bahnhofstraße", "Goethestraße")));

    static final List<String> EMAIL_DOMAINS = List.of("example.org", "example.nl", "example.com", "example.net");
}
