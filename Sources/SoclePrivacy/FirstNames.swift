/// A few hundred common French first names (folded: lowercase, no accents), written from general knowledge.
enum FirstNames {
    static let all: Set<String> = Set("""
    jean pierre michel andre philippe rene louis alain jacques bernard marcel daniel roger robert paul claude \
    christian henri georges nicolas francois patrick gerard christophe joseph julien maurice laurent frederic \
    eric david stephane pascal sebastien alexandre thierry olivier thomas antoine raymond guy dominique lucien \
    vincent gilbert serge franck jerome didier denis bruno marc yves charles emile guillaume fernand roland \
    gabriel arthur raphael leo lucas hugo jules adam mael louis nathan ethan noah tom theo enzo mathis \
    maxime quentin kevin anthony romain florian benjamin jeremy mickael cedric ludovic fabrice gregory arnaud \
    damien xavier yann yannick sylvain herve jean-pierre jean-claude jean-luc jean-marc jean-paul jean-francois \
    jean-michel jean-louis jean-jacques marie-france pierre-yves matthieu mathieu baptiste valentin clement \
    axel bastien victor samuel simon martin adrien alexis corentin dylan loic gaetan jordan tristan \
    timothee aurelien benoit emmanuel fabien gilles hubert jacky joel lionel luc manuel noel olivier \
    patrice regis remi richard rodolphe steve teddy tony william yvon albert alfred auguste edouard eugene \
    felix gaston leon leonard marius octave oscar armand augustin abel achille ali mohamed mohammed ahmed \
    karim mehdi rachid sofiane yassine youssef omar bilal hamza amine nabil samir farid said kader \
    marie jeanne francoise monique catherine nathalie isabelle sylvie anne martine nicole christine \
    jacqueline chantal valerie sandrine sophie celine stephanie veronique aurelie emilie julie laura \
    camille manon lea chloe emma ines jade louise alice lina rose anna mila ambre julia zoe lola \
    sarah clara lucie mathilde pauline marine claire charlotte elodie melanie audrey caroline virginie \
    helene laurence patricia brigitte danielle josiane madeleine simone denise germaine yvonne suzanne \
    paulette odette colette genevieve lucienne raymonde marguerite therese annie evelyne corinne \
    florence agnes beatrice cecile dominique elisabeth fabienne gisele josette karine laetitia \
    mireille muriel nadine pascale sabrine severine sonia stephanie vanessa victoire alexandra \
    amandine anais angelique carole christelle coralie delphine estelle eva fanny gaelle jessica \
    justine lisa maeva marion melissa morgane oceane ophelie romane sabrina solene amelie \
    agathe adele apolline capucine clemence constance diane eleonore elise eloise gabrielle jeanne \
    juliette leonie lou louna margaux mathilde maya nina noemie olivia salome victoria yasmine \
    fatima aicha khadija leila nadia samira karima malika farida amina myriam sarah rachel \
    jean-baptiste anne-marie marie-christine marie-therese marie-claude marie-pierre marie-helene \
    annick armelle berangere bernadette blandine claudine emeline ginette huguette jocelyne liliane \
    lucette maryse micheline nelly noelle odile renee roselyne yolande marcelle andree arlette \
    thibault thibaut gautier geoffrey hadrien jonathan killian kylian lenny liam marceau malo \
    nael noa paul robin rayan sacha timeo titouan ewan evan eliott gabin lorenzo milo sasha \
    cyril cyrille dimitri jeremie jimmy johan mathias morgan nicolas pascal sylvestre tanguy \
    elsa iris jasmine laure lena lise maelys manelle margot nora pauline rosalie sara stella
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Courtesy titles that may precede a name ("Mme Sophie Martin").
    static let civilities: Set<String> = ["m", "mme", "mlle", "mr", "mrs", "ms", "monsieur", "madame", "mademoiselle",
                                          "dr", "docteur", "me", "maitre"]
    /// Words that turn a first name into a place ("Saint-Pierre", "Sainte-Marie", "Gymnase Thomas").
    static let placePrefixes: Set<String> = [
        "saint", "sainte", "st", "ste", "san", "santa",
        // Facilities named after someone: the first word is the kind of place.
        "ecole", "groupe", "college", "lycee", "creche", "gymnase", "stade", "piscine", "mediatheque", "bibliotheque",
        "mairie", "salle", "centre", "maison", "espace", "complexe", "halle", "theatre", "musee", "conservatoire",
        "cimetiere", "eglise", "chapelle", "residence", "foyer", "ehpad", "hopital", "clinique", "gare", "station",
        "parking", "parc", "jardin", "square", "decheterie", "dechetterie", "boulodrome", "dojo", "tennis", "skatepark",
        "camping", "port", "pont", "tunnel", "quartier", "lotissement", "cite", "pole", "relais", "point",
    ]

    /// True when one of the first or last two words of a value is a known first name.
    static func contains(_ words: [String]) -> Bool {
        var words = words
        if let w = words.first, civilities.contains(w), words.count > 1 { words.removeFirst() }
        guard !words.isEmpty, words.count <= 5, !placePrefixes.contains(words[0]) else { return false }
        if all.contains(words[0]) || all.contains(words[words.count - 1]) { return true }
        if words.count >= 2 {
            let joined = words[0] + "-" + words[1]
            if all.contains(joined) { return true }
        }
        return false
    }
}
