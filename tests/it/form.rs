//! `netkaart form` and the round trip an organiser makes: build the online form from its
//! questions, let participants fill it in, download the export, run `batch` on it as it is.
//! The exports are shaped exactly as Google Forms (nl, en), Microsoft Forms (XLSX) and
//! LimeSurvey write them: their own columns, their ways of joining ticked boxes, their
//! date formats.

use std::fs;
use std::path::Path;

use crate::common::*;
use netkaart::Lang;
use netkaart::form::{self, Control, Question};

/// How a form tool writes its export.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    /// Google Forms: ticked boxes joined with ", ", dates as the sheet's locale writes them.
    Google,
    /// Microsoft Forms: ticked boxes joined with ";" and one after the last, dates m/d/yyyy.
    Microsoft,
    /// LimeSurvey: a column per box ("Question [Option]") holding "Ja" or nothing, dates
    /// with a time.
    LimeSurvey,
}

/// The form tool's own columns, and their values for participant `i`.
fn own_columns(tool: Tool, lang: Lang, i: usize) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = match (tool, lang) {
        (Tool::Google, Lang::Nl) => vec![
            ("Tijdstempel", format!("1-12-2026 10:{i:02}:03")),
            ("E-mailadres", format!("deelnemer{i}@example.org")),
        ],
        (Tool::Google, Lang::En) => vec![
            ("Timestamp", format!("12/1/2026 10:{i:02}:03")),
            ("Email Address", format!("participant{i}@example.org")),
        ],
        (Tool::Google, Lang::Fr) => vec![
            ("Horodateur", format!("01/12/2026 10:{i:02}:03")),
            ("Adresse e-mail", format!("participant{i}@example.org")),
        ],
        (Tool::Microsoft, _) => vec![
            ("ID", i.to_string()),
            ("Start time", format!("12/1/26 10:{i:02}:03")),
            ("Completion time", format!("12/1/26 10:{:02}:45", i + 9)),
            ("Email", "anonymous".into()),
            ("Name", "anonymous".into()),
            ("Last modified time", String::new()),
        ],
        (Tool::LimeSurvey, _) => vec![
            ("Antwoord ID", i.to_string()),
            ("Datum verstuurd", "2026-12-01 10:15:00".into()),
            ("Laatste pagina", "8".into()),
            ("Starttaal", "nl".into()),
            ("Seed", "1234567".into()),
        ],
    };
    pairs.into_iter().map(|(h, v)| (h.to_string(), v)).collect()
}

/// A date as the tool writes it.
fn date(tool: Tool, lang: Lang, day: u32) -> String {
    match (tool, lang) {
        (Tool::Google, Lang::Nl) => format!("{day}-1-2027"),
        (Tool::Google, Lang::Fr) => format!("{day:02}/01/2027"),
        (Tool::Google, Lang::En) | (Tool::Microsoft, _) => format!("1/{day}/2027"),
        (Tool::LimeSurvey, _) => format!("2027-01-{day:02} 00:00:00"),
    }
}

/// The answer of participant `i` to a question, as the tool writes it; None for the
/// groups left empty (contacts after the third, actions after the second).
fn answer(tool: Tool, lang: Lang, q: &Question, i: usize) -> String {
    let group: usize = q.key.split('.').find_map(|p| p.parse().ok()).unwrap_or(1);
    let in_list = q.key.starts_with("contacts.") || q.key.starts_with("sustain.actions.");
    if in_list && group > if q.key.starts_with("contacts.") { 3 } else { 2 } {
        return String::new();
    }
    match q.kind {
        _ if q.key == "lang" => q.options[if lang == Lang::Nl { 0 } else { 1 }].clone(),
        _ if q.key == "person.name" => format!("Deelnemer {i}"),
        _ if q.key.ends_with(".name") => format!("Contact{i}x{group}"),
        Control::One => q.options[(i + group) % q.options.len()].clone(),
        Control::Several => {
            let ticked = &q.options[..2];
            match tool {
                Tool::Microsoft => format!("{};", ticked.join(";")),
                _ => ticked.join(", "),
            }
        }
        Control::Date => date(tool, lang, 14 + group as u32),
        Control::Words => "vertrouwen, koffie, tijd".into(),
        Control::Short | Control::Long => format!("Antwoord {i} op {}", q.key),
    }
}

/// The header and the rows of an export of `rows` participants, from the form's questions.
fn export(tool: Tool, lang: Lang, rows: usize) -> Vec<Vec<String>> {
    let questions: Vec<Question> =
        form::sections(lang).into_iter().flat_map(|s| s.questions).collect();
    let mut header: Vec<String> = own_columns(tool, lang, 0).into_iter().map(|(h, _)| h).collect();
    for q in &questions {
        if tool == Tool::LimeSurvey && q.kind == Control::Several {
            header.extend(q.options.iter().map(|o| format!("{} [{o}]", q.title)));
        } else {
            header.push(q.title.clone());
        }
    }
    let mut out = vec![header];
    for i in 1..=rows {
        let mut row: Vec<String> = own_columns(tool, lang, i).into_iter().map(|(_, v)| v).collect();
        for q in &questions {
            if tool == Tool::LimeSurvey && q.kind == Control::Several {
                row.extend(
                    q.options
                        .iter()
                        .enumerate()
                        .map(|(k, _)| if k < 2 { "Ja".to_string() } else { String::new() }),
                );
            } else {
                row.push(answer(tool, lang, q, i));
            }
        }
        out.push(row);
    }
    out
}

fn write_csv(path: &Path, grid: &[Vec<String>]) {
    let mut writer = csv::Writer::from_path(path).unwrap();
    for row in grid {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
}

fn write_xlsx(path: &Path, grid: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if r > 0 && c == 0 {
                // Microsoft writes its ID as a number.
                sheet.write_number(r as u32, c as u16, cell.parse::<f64>().unwrap()).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// Runs a batch of handouts on an export and checks that every participant got one with
/// their contacts on it.
fn every_handout_made(dir: &Path, file: &str, extra: &[&str], rows: usize) -> String {
    let mut args = vec!["batch", file, "-o", "out"];
    args.extend_from_slice(extra);
    let out = netkaart(dir, &args);
    must_succeed(&out);
    let err = stderr(&out);
    must_contain(&err, &format!("{rows} of {rows} handouts made"));
    let mut names: Vec<String> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), rows, "{names:?}");
    for i in 1..=rows {
        let name = names
            .iter()
            .find(|n| n.contains(&format!("deelnemer-{i}")))
            .unwrap_or_else(|| panic!("no handout for participant {i} among {names:?}"));
        let text = pdf_page_texts(&fs::read(dir.join("out").join(name)).unwrap()).concat();
        for contact in 1..=3 {
            must_contain(&text, &format!("Contact{i}x{contact}"));
        }
    }
    err
}

#[test]
fn a_google_form_in_dutch_built_from_the_questions_exports_a_file_batch_reads_as_it_is() {
    let dir = temp_dir("form-google-nl");
    write_csv(&dir.join("Netwerkposter (antwoorden).csv"), &export(Tool::Google, Lang::Nl, 3));
    let err = every_handout_made(&dir, "Netwerkposter (antwoorden).csv", &[], 3);
    must_contain(&err, "'Tijdstempel', 'E-mailadres'");
}

#[test]
fn a_google_form_in_french_built_from_the_questions_exports_a_file_batch_reads_as_it_is() {
    let dir = temp_dir("form-google-fr");
    write_csv(&dir.join("Réseau (réponses).csv"), &export(Tool::Google, Lang::Fr, 3));
    let err = every_handout_made(&dir, "Réseau (réponses).csv", &[], 3);
    must_contain(&err, "'Horodateur', 'Adresse e-mail'");
}

#[test]
fn a_google_form_in_english_with_dates_month_first_is_read_with_date_order_mdy() {
    let dir = temp_dir("form-google-en");
    write_csv(&dir.join("responses.csv"), &export(Tool::Google, Lang::En, 2));
    every_handout_made(&dir, "responses.csv", &["--date-order", "mdy"], 2);
    // Without it, the month-first date is named, with the way out.
    let out = netkaart(&dir, &["check", "responses.csv"]);
    must_fail(&out);
    let err = stderr(&out);
    must_contain(&err, "'1/15/2027'");
    must_contain(&err, "--date-order mdy");
}

#[test]
fn a_microsoft_forms_workbook_is_read_as_it_is() {
    let dir = temp_dir("form-microsoft");
    write_xlsx(&dir.join("Netwerkposter.xlsx"), &export(Tool::Microsoft, Lang::En, 3));
    let err = every_handout_made(&dir, "Netwerkposter.xlsx", &["--date-order", "mdy"], 3);
    must_contain(
        &err,
        "'ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time'",
    );
}

#[test]
fn a_limesurvey_export_with_a_column_per_box_is_read_as_it_is() {
    let dir = temp_dir("form-limesurvey");
    write_csv(&dir.join("results-survey123.csv"), &export(Tool::LimeSurvey, Lang::Nl, 2));
    every_handout_made(&dir, "results-survey123.csv", &[], 2);
    let sheet =
        netkaart::inputs::read_inputs(&[dir.join("results-survey123.csv")], &Default::default())
            .unwrap();
    let answers = sheet.records[0].answers.as_ref().unwrap();
    let reasons = answers.why.as_ref().unwrap().reasons.as_ref().unwrap();
    assert_eq!(reasons.len(), 2, "the two boxes ticked");
}

#[test]
fn the_empty_spreadsheets_hold_the_questions_as_their_header_and_are_the_same_every_run() {
    let dir = temp_dir("form-files");
    for &language in Lang::ALL {
        let lang = language.code();
        let xlsx = format!("form-{lang}.xlsx");
        let csv = format!("form-{lang}.csv");
        must_succeed(&netkaart(&dir, &["form", "--lang", lang, "-o", &xlsx]));
        must_succeed(&netkaart(&dir, &["form", "--lang", lang, "-o", &csv]));
        let first = fs::read(dir.join(&xlsx)).unwrap();
        must_succeed(&netkaart(&dir, &["form", "--lang", lang, "-o", &xlsx]));
        assert_eq!(first, fs::read(dir.join(&xlsx)).unwrap(), "same bytes every run");
        let titles: Vec<String> = form::sections(language)
            .into_iter()
            .flat_map(|s| s.questions)
            .map(|q| q.title)
            .collect();
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(dir.join(&xlsx)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let header: Vec<String> =
            range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(header, titles);
        let text = fs::read_to_string(dir.join(&csv)).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, titles);
    }
}

#[test]
fn the_markdown_names_every_question_with_its_type_and_options_in_the_posters_words() {
    let dir = temp_dir("form-markdown");
    let out = netkaart(&dir, &["form"]);
    must_succeed(&out);
    let md = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "## Stap 1 Wat?",
        "**Wat associeer je met netwerken?**",
        "**Ik wil netwerken om …**",
        "meerdere keuzes (selectievakjes)",
        "   - te leren van anderen",
        "**Contact 1: Soort**",
        "   - Beleidsmakers",
        "   - 2 Regelmatig",
        "Contact 2 tot Contact 12",
        "**Actie 1: Wanneer**",
        "netkaart batch",
    ] {
        must_contain(&md, needle);
    }
    let out = netkaart(&dir, &["form", "--lang", "en"]);
    let md = String::from_utf8(out.stdout).unwrap();
    for needle in ["## Step 2 Why?", "**Contact 1: Kind**", "   - Policy makers", "several choices"]
    {
        must_contain(&md, needle);
    }
    let out = netkaart(&dir, &["form", "-o", "form.pdf"]);
    must_fail(&out);
    must_contain(&stderr(&out), ".md, .csv or .xlsx");
}

#[test]
fn every_title_names_one_key_in_both_languages() {
    for &lang in Lang::ALL {
        for q in form::sections(lang).into_iter().flat_map(|s| s.questions) {
            assert_eq!(form::key_of_title(&q.title), Some(q.key.as_str()), "{}", q.title);
            // Case, spaces and punctuation forgiven, as form tools and people change them.
            let sloppy = format!(" {} ", q.title.to_uppercase().replace(['?', ':'], ""));
            assert_eq!(form::key_of_title(&sloppy), Some(q.key.as_str()), "{sloppy}");
        }
    }
    assert_eq!(form::key_of_title("Contact 150: Naam"), Some("contacts.150.name"));
}

#[test]
fn every_example_reads_back_from_the_fields_it_fills_a_form_with_in_both_languages() {
    use netkaart::form::fields_of;
    use netkaart::inputs::spreadsheet::answers_from_fields;
    for name in ["an-peeters.yaml", "green-lane.yaml"] {
        let path = crate::common::root().join("examples").join(name);
        let answers = netkaart::Answers::load(&path).unwrap();
        for &lang in netkaart::Lang::ALL {
            let fields = fields_of(&answers, lang);
            let back = answers_from_fields(&fields, &path).unwrap();
            assert_eq!(back, answers, "{name} through the {lang:?} form");
        }
    }
}
