//! The form written out: as Markdown for the organiser who builds it, and as an empty
//! spreadsheet (CSV or XLSX) whose header is the form's question titles, the same header a
//! form tool exports.

use rust_xlsxwriter::{DataValidation, DocProperties, ExcelDateTime, Format, Workbook};

use super::{Control, FORM_ACTIONS, FORM_CONTACTS, Question, Section, sections};
use crate::answers::Lang;
use crate::error::{Error, Result};
use crate::templates::{EDITION_DATE, labelled, words};

/// The form as Markdown: the intro, then a heading per section with its questions, their
/// types and options. The second and later contacts and actions are named, not repeated.
pub fn markdown(lang: Lang) -> String {
    let w = words(lang);
    let say = |key: &str| w["form"][key].as_str().unwrap_or_default().to_string();
    let mut out = format!("# {}\n\n{}\n\n{}\n", say("title"), say("intro"), say("sections_note"));
    let all = sections(lang);
    for section in &all {
        let group = group_number(section);
        if group.is_some_and(|n| n > 1) {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", section.title));
        for (i, question) in section.questions.iter().enumerate() {
            let kind = w["form"]["kinds"][question.kind.word_key()].as_str().unwrap_or_default();
            out.push_str(&format!(
                "{}. **{}**  \n   {}{}\n",
                i + 1,
                question.title,
                labelled(w, &say("kind_label"), kind),
                if question.options.is_empty() { "" } else { "  " }
            ));
            if !question.options.is_empty() {
                out.push_str(&format!(
                    "   {}\n",
                    labelled(w, &say("options_label"), "").trim_end()
                ));
                for option in &question.options {
                    out.push_str(&format!("   - {option}\n"));
                }
            }
        }
        if group == Some(1) {
            let count = if section.questions[0].key.starts_with("contacts.") {
                FORM_CONTACTS
            } else {
                FORM_ACTIONS
            };
            let name = |n: usize| {
                all.iter()
                    .filter(|s| group_number(s) == Some(n))
                    .find(|s| same_group(s, section))
                    .map_or_else(String::new, |s| s.title.clone())
            };
            let note = say("repeat")
                .replace("{first}", &section.title)
                .replace("{second}", &name(2))
                .replace("{last}", &name(count));
            out.push_str(&format!("\n{note}\n"));
        }
    }
    out.push_str(&format!("\n---\n\n{}\n", say("export")));
    out
}

/// The number of a contact's or an action's section, from its first question's key.
fn group_number(section: &Section) -> Option<usize> {
    let key = &section.questions.first()?.key;
    key.split('.').find_map(|part| part.parse().ok())
}

/// Whether two sections are groups of the same list.
fn same_group(a: &Section, b: &Section) -> bool {
    let list =
        |s: &Section| s.questions.first().map(|q| q.key.split('.').next().map(str::to_string));
    list(a) == list(b)
}

/// Every question of the form, in order.
fn questions(lang: Lang) -> Vec<Question> {
    sections(lang).into_iter().flat_map(|s| s.questions).collect()
}

/// An empty CSV file whose header is the form's titles, in UTF-8 with the byte-order mark
/// that Excel needs to read it as UTF-8.
pub fn csv(lang: Lang) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer
        .write_record(questions(lang).iter().map(|q| q.title.as_str()))
        .expect("writing to memory");
    writer.into_inner().expect("writing to memory")
}

/// An empty workbook whose header is the form's titles, with a drop-down list on each
/// column of one choice, so that an organiser can also type the answers in it.
pub fn xlsx(lang: Lang) -> Result<Vec<u8>> {
    let failed = |e: rust_xlsxwriter::XlsxError| Error::Export(e.to_string());
    let mut book = Workbook::new();
    // The file's date is the edition's, so that the same netkaart writes the same bytes.
    let (y, m, d) = EDITION_DATE;
    let date = ExcelDateTime::from_ymd(y as u16, m, d).map_err(failed)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold().set_text_wrap();
    for (i, question) in questions(lang).iter().enumerate() {
        let column = i as u16;
        sheet.write_string_with_format(0, column, &question.title, &bold).map_err(failed)?;
        let width = match question.kind {
            Control::Long => 40,
            Control::Short | Control::Words | Control::Several => 24,
            Control::One | Control::Date => 16,
        };
        sheet.set_column_width(column, width).map_err(failed)?;
        if question.kind == Control::One {
            let list =
                DataValidation::new().allow_list_strings(&question.options).map_err(failed)?;
            sheet.add_data_validation(1, column, 1000, column, &list).map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}
