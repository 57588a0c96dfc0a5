//! Import the files people really have (issue 23): headers matched by
//! words, the flat id/parentId layout of the JavaScript org-chart
//! libraries, snake_case database dumps; never a silent non-result.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::import::{Field, Mapping, Options, Summary, import, table};
use orgplan::model::Org;
use proptest::prelude::*;

fn import_text(name: &str, text: &str, opts: &Options) -> Result<(Org, Summary), String> {
    let t = table::read(text.as_bytes(), name, None).map_err(|e| e.to_string())?;
    import(&t, name, opts).map_err(|e| e.to_string())
}

fn manager_name(org: &Org, name: &str) -> Option<String> {
    let p = org.people.iter().find(|p| p.name == name).unwrap();
    p.manager
        .as_ref()
        .and_then(|m| org.person(m))
        .map(|m| m.name.to_string())
}

/// The flat layout (`name, imageUrl, area, …, positionName, id, parentId,
/// size`), with stray spaces and two people sharing a name.
const FLAT: &str = "name,imageUrl,area,profileUrl,office,tags,isLoggedUser,positionName,id,parentId,size\n\
Mara Quinn,https://x/1.png,Corporate,https://x/p1,HQ,,false, Chief Technology Officer ,O-1,,\n\
 Tomas Berg ,https://x/2.png,Engineering,https://x/p2,HQ,,false,Engineering Manager,O-2,O-1,\n\
Lia Chen,https://x/3.png,Engineering,https://x/p3,HQ,,false,Software Engineer ,O-3, O-2 ,\n\
Sam Ortiz,https://x/4.png,Engineering,https://x/p4,Remote,,false,Senior  Software Engineer,O-4,O-2,\n\
Sam Ortiz,https://x/5.png,Engineering,https://x/p5,Remote,,false,Software Engineer,O-5,O-2,\n\
Rhea Das,https://x/6.png,Product,https://x/p6,HQ,,false,Engineering Manager,O-6,O-1,\n\
Ode Yilmaz,https://x/7.png,Product,https://x/p7,HQ,,false,Product Manager,O-7,O-6,\n\
Sam Ortiz,https://x/8.png,Product,https://x/p8,HQ,,true,Software Engineer,O-8,O-6,\n";

/// A database dump: `email` holds a login, the name is `name` + `lastName`.
const DUMP: &str = "id,parentId,name,lastName,position,image,email,phone_number,hire_date,job_id,salary,department_id,department_name\n\
200,,Nadia,Ferro,President,n.png,NFERRO,515.123.4567,2003-06-17,AD_PRES,24000,90,Executive\n\
201,200,Omar,Haddad,Engineering Manager,o.png,OHADDAD,515.123.4568,2005-09-21,IT_MGR,17000,60,IT\n\
202,201,Pia,Lund,Software Engineer,p.png,PLUND,590.423.4567,2006-01-03,IT_PROG,9000,60,IT\n\
203,201,Quim,Sol,Software Engineer,q.png,QSOL,590.423.4568,2007-05-21,IT_PROG,6000,60,IT\n\
204,200,Rae,Tan,Product Manager,r.png,RTAN,515.123.4569,2002-08-17,PR_MAN,12000,80,Product\n\
205,204,Sven,Ude,Software Engineer,s.png,SUDE,515.124.4169,2005-09-30,IT_PROG,9000,80,Product\n";

#[test]
fn the_flat_org_chart_layout_imports_with_managers_titles_and_teams() {
    let (org, s) = import_text("orgchart.csv", FLAT, &Options::default()).unwrap();
    assert_eq!(s.people, 8);
    assert_eq!(s.roots, 1, "{}", s.text());
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(
        manager_name(&org, "Tomas Berg").as_deref(),
        Some("Mara Quinn")
    );
    assert_eq!(
        manager_name(&org, "Lia Chen").as_deref(),
        Some("Tomas Berg")
    );
    // Three people share a name; their keys tell them apart.
    let sams: Vec<_> = org
        .people
        .iter()
        .filter(|p| p.name == "Sam Ortiz")
        .collect();
    assert_eq!(sams.len(), 3);
    assert_eq!(
        org.people
            .iter()
            .find(|p| p.name == "Ode Yilmaz")
            .unwrap()
            .role
            .as_str(),
        "PM"
    );
    assert_eq!(
        org.people
            .iter()
            .find(|p| p.name == "Sam Ortiz")
            .unwrap()
            .role
            .as_str(),
        "Senior",
        "runs of spaces in a title are one space"
    );
    // No team column: teams from reporting lines.
    let names: Vec<&str> = org.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Tomas Berg's team", "Rhea Das's team"]);
    let text = s.text();
    assert!(text.contains("title    ← positionName"), "{text}");
    assert!(text.contains("manager  ← parentId (ids)"), "{text}");
    assert!(text.contains("teams made from reporting lines"), "{text}");
}

#[test]
fn a_database_dump_imports_with_full_names_and_departments() {
    let (org, s) = import_text("hr.csv", DUMP, &Options::default()).unwrap();
    assert_eq!(s.people, 6);
    assert_eq!(s.roots, 1);
    let names: Vec<&str> = org.people.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"Nadia Ferro") && names.contains(&"Omar Haddad"),
        "{names:?}"
    );
    assert_eq!(
        manager_name(&org, "Pia Lund").as_deref(),
        Some("Omar Haddad")
    );
    let teams: Vec<&str> = org.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(teams, ["Executive", "IT", "Product"]);
    let text = s.text();
    assert!(text.contains("name     ← name + lastName"), "{text}");
    assert!(text.contains("team     ← department_name"), "{text}");
    assert!(
        text.contains("email    ← not \"email\": it holds no email addresses"),
        "{text}"
    );
    // The login is not taken as an email.
    let rec = org.imported.as_ref().unwrap();
    assert!(rec.people.iter().all(|p| p.email.is_empty()));
}

#[test]
fn a_useless_result_leads_with_a_warning_and_strict_refuses_it() {
    let csv = "Person,Job,Lead\nAna,Dev,\nBo,Dev,Ana\n";
    let (_, s) = import_text("x.csv", &csv.replace("Person", "Name"), &Options::default()).unwrap();
    let text = s.text();
    assert!(
        text.starts_with("warning: no manager column found, so all 2 people are at the top"),
        "{text}"
    );
    assert!(
        text.contains("headers seen: \"Name\", \"Job\", \"Lead\""),
        "{text}"
    );
    assert!(
        text.contains("warning: no job title column found"),
        "{text}"
    );
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let e = import_text("x.csv", &csv.replace("Person", "Name"), &strict).unwrap_err();
    assert!(
        e.starts_with("x.csv: --strict: no manager column found"),
        "{e}"
    );
    // Every title unmapped.
    let csv = "Name,Title,Manager\nAna,Wizard,\nBo,Wizard,Ana\n";
    let (_, s) = import_text("y.csv", csv, &Options::default()).unwrap();
    assert!(
        s.text().starts_with("warning: no job title maps to a role"),
        "{}",
        s.text()
    );
}

/// Every spelling of a header: spaced, snake, kebab, camel, Pascal, upper.
fn spell(words: &[&str], style: usize) -> String {
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    match style {
        0 => words.iter().map(|w| cap(w)).collect::<Vec<_>>().join(" "),
        1 => words.join("_"),
        2 => words.join("-"),
        3 => {
            let mut s = words[0].to_string();
            for w in &words[1..] {
                s.push_str(&cap(w));
            }
            s
        }
        4 => words.iter().map(|w| cap(w)).collect(),
        5 => words.join("_").to_uppercase(),
        _ => words.join(" ").to_uppercase(),
    }
}

proptest! {
    #[test]
    fn every_spelling_of_a_synonym_maps_to_the_same_field(
        f in 0usize..Field::ALL.len(),
        k in 0usize..32,
        style in 0usize..7,
    ) {
        let field = Field::ALL[f];
        let syns = field.synonyms();
        let syn = syns[k % syns.len()];
        let words: Vec<&str> = syn.split(' ').collect();
        let header = spell(&words, style);
        let m = Mapping::detect(std::slice::from_ref(&header));
        // A bare name is a name; the one field it can stand for. A group
        // (department, division) takes only what the team column left: alone,
        // such a header is the team.
        let want = if field == Field::Group && Field::Team.synonyms().contains(&syn) {
            Field::Team
        } else {
            field
        };
        let got: Vec<Field> = m.columns.keys().copied().collect();
        prop_assert_eq!(got, vec![want], "{:?} spelled {:?}", syn, header);
    }
}
