//! The stored actors: one row per actor id, named by the name articles gave it most
//! often, with the number of articles that name it (`actors`); and every normalised name
//! it is known by (`actor_names`, what searches read). A full merge writes both from
//! every article; an incremental one rewrites the rows of the actors the new articles
//! name and adds the new articles' names (a name is never lost by adding articles).

use std::collections::{BTreeMap, BTreeSet};

use crate::backend::{exec_in, query_in, Backend, Value};
use crate::error::Result;
use crate::ids::stable_id;
use crate::search::name_key;

/// Per actor: (count of its most frequent naming, kind, Arabic name, English name,
/// articles in all).
type Best = BTreeMap<String, (i64, String, String, Option<String>, i64)>;

/// The `actors` rows from the counts of (actor, kind, Arabic name, English name).
fn best_names(rows: &[Vec<Value>]) -> Result<Best> {
    let mut best: Best = BTreeMap::new();
    for r in rows {
        let id = r[0].text("actor_id")?;
        let kind = r[1].text("kind")?;
        let name_ar = r[2].text("name_ar")?;
        let name_en = r[3].opt_text("name_en")?;
        let n = r[4].int("count")?;
        let e = best
            .entry(id)
            .or_insert((0, kind.clone(), name_ar.clone(), name_en.clone(), 0));
        e.4 += n;
        if n > e.0 || (n == e.0 && (&kind, &name_ar, &name_en) < (&e.1, &e.2, &e.3)) {
            e.0 = n;
            e.1 = kind;
            e.2 = name_ar;
            e.3 = name_en;
        }
    }
    Ok(best)
}

fn write_actors(db: &mut dyn Backend, best: &Best) -> Result<()> {
    for (id, (_, kind, name_ar, name_en, n)) in best {
        db.exec(
            "INSERT INTO actors (id, kind, name_ar, name_en, n_articles) VALUES (?, ?, ?, ?, ?)",
            &[
                id.into(),
                kind.into(),
                name_ar.into(),
                name_en.clone().into(),
                Value::Int(*n),
            ],
        )?;
    }
    Ok(())
}

const COUNTS: &str = "SELECT actor_id, kind, name_ar, name_en, COUNT(*) FROM article_actors";
const GROUPS: &str = "GROUP BY actor_id, kind, name_ar, name_en";

/// Every actor from every article (the `actors` table is empty).
pub(super) fn rebuild_all(db: &mut dyn Backend) -> Result<()> {
    let best = best_names(&db.query(&format!("{COUNTS} {GROUPS}"), &[])?)?;
    write_actors(db, &best)?;
    write_actor_names(db)
}

/// The actors the articles `new` name, counted again over every article; their names added.
pub(super) fn update(db: &mut dyn Backend, new: &[String]) -> Result<()> {
    let named: BTreeSet<String> = query_in(
        db,
        "SELECT DISTINCT actor_id FROM article_actors WHERE article_id IN ({ids})",
        new,
    )?
    .iter()
    .map(|r| r[0].text("actor_id"))
    .collect::<Result<_>>()?;
    let named: Vec<String> = named.into_iter().collect();
    let best = best_names(&query_in(
        db,
        &format!("{COUNTS} WHERE actor_id IN ({{ids}}) {GROUPS}"),
        &named,
    )?)?;
    exec_in(db, "DELETE FROM actors WHERE id IN ({ids})", &named)?;
    write_actors(db, &best)?;
    add_actor_names(db, new)
}

/// Normalised (actor, name) pairs, `true` for a name an article gave the actor as its
/// name: from rows of (actor, Arabic name, English name) and of (actor, mention text).
type Names = BTreeMap<(String, String), bool>;

fn names_of(named: &[Vec<Value>], mentioned: &[Vec<Value>]) -> Result<Names> {
    let mut names: Names = BTreeMap::new();
    let mut add = |actor: &str, name: &str, canonical: bool| {
        let name = name_key(name);
        if !name.is_empty() {
            *names.entry((actor.to_string(), name)).or_default() |= canonical;
        }
    };
    for r in named {
        let actor = r[0].text("actor_id")?;
        add(&actor, &actor, false);
        add(&actor, &r[1].text("name_ar")?, true);
        if let Some(en) = r[2].opt_text("name_en")? {
            add(&actor, &en, false);
        }
    }
    for r in mentioned {
        add(&r[0].text("actor_id")?, &r[1].text("text")?, false);
    }
    Ok(names)
}

const NAMED: &str = "SELECT DISTINCT actor_id, name_ar, name_en FROM article_actors";
const MENTIONED: &str = "SELECT DISTINCT actor_id, text FROM actor_mentions";

/// Insert `names`, a few hundred a statement (tens of thousands in a fraction of a
/// second); `upsert`: a name already stored keeps the larger `canonical`.
fn insert_names(db: &mut dyn Backend, names: &Names, upsert: bool) -> Result<()> {
    let rows: Vec<_> = names.iter().collect();
    let conflict = if upsert {
        " ON CONFLICT (actor_id, name) DO UPDATE SET canonical = CASE
            WHEN excluded.canonical > actor_names.canonical THEN excluded.canonical
            ELSE actor_names.canonical END"
    } else {
        ""
    };
    for chunk in rows.chunks(200) {
        let marks = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let params: Vec<Value> = chunk
            .iter()
            .flat_map(|((actor, name), canonical)| {
                [
                    Value::from(actor.as_str()),
                    Value::from(name.as_str()),
                    Value::Int(i64::from(**canonical)),
                ]
            })
            .collect();
        db.exec(
            &format!(
                "INSERT INTO actor_names (actor_id, name, canonical) VALUES {marks}{conflict}"
            ),
            &params,
        )?;
    }
    Ok(())
}

/// Record the version readers compare to know their copy of the names is current.
fn set_names_version(db: &mut dyn Backend, version: &str) -> Result<()> {
    db.exec(
        "INSERT INTO meta (key, value) VALUES ('actor_names_version', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[version.into()],
    )?;
    Ok(())
}

fn digest(names: &Names) -> String {
    let mut all = String::new();
    for ((actor, name), canonical) in names {
        all.push_str(&format!("{actor}\u{1f}{name}\u{1f}{canonical}\u{1e}"));
    }
    stable_id("actor_names", &[&all])
}

/// The normalised names each stored actor is known by (`actor_names`): its id, its
/// names, the text of its mentions. Rewritten whole by a full merge, and by the migration
/// that adds the table.
pub(crate) fn write_actor_names(db: &mut dyn Backend) -> Result<()> {
    let names = names_of(&db.query(NAMED, &[])?, &db.query(MENTIONED, &[])?)?;
    db.exec("DELETE FROM actor_names", &[])?;
    set_names_version(db, &digest(&names))?;
    insert_names(db, &names, false)
}

/// Add the names the articles `new` give their actors; the version moves on from the
/// last one (chained, so that no value ever comes back).
fn add_actor_names(db: &mut dyn Backend, new: &[String]) -> Result<()> {
    let names = names_of(
        &query_in(db, &format!("{NAMED} WHERE article_id IN ({{ids}})"), new)?,
        &query_in(
            db,
            &format!("{MENTIONED} WHERE article_id IN ({{ids}})"),
            new,
        )?,
    )?;
    if names.is_empty() {
        return Ok(());
    }
    let previous = crate::meta(db, "actor_names_version")?.unwrap_or_default();
    set_names_version(db, &stable_id("actor_names", &[&previous, &digest(&names)]))?;
    insert_names(db, &names, true)
}
