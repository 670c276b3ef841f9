//! The columns that online form tools add to their exports, which hold no answers.

/// The columns that online form tools add to their exports, which hold no answers (Google
/// Forms, Microsoft Forms and LimeSurvey, in Dutch and in English), folded as
/// [`super::labels::fold`] folds a header.
const FORM_COLUMNS: &[&str] = &[
    // Google Forms
    "tijdstempel",
    "timestamp",
    "emailadres",
    "emailaddress",
    "score",
    // Microsoft Forms
    "id",
    "starttime",
    "completiontime",
    "lastmodifiedtime",
    "email",
    // The respondent's account name ("anonymous" for most forms); the participant's own name
    // is a question of the form.
    "name",
    "naam",
    "totalpoints",
    "quizfeedback",
    "begintijd",
    "tijdvanvoltooiing",
    "voltooiingstijd",
    "tijdstipvanvoltooiing",
    "laatstgewijzigd",
    "tijdstiplaatstewijziging",
    "totaalaantalpunten",
    // LimeSurvey
    "responseid",
    "antwoordid",
    "submitdate",
    "datesubmitted",
    "datumverstuurd",
    "lastpage",
    "laatstepagina",
    "startlanguage",
    "starttaal",
    "seed",
    "startdate",
    "datestarted",
    "startdatum",
    "datestamp",
    "datelastaction",
    "datumlaatsteactie",
    "ipaddr",
    "ipaddress",
    "ipadres",
    "refurl",
    "referrerurl",
    "token",
];

/// Whether a header, folded, is one of a form tool's own columns.
pub fn is_form_column(folded: &str) -> bool {
    FORM_COLUMNS.contains(&folded)
}
