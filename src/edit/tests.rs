//! The edits' tests: each kind, inverses byte for byte, random sequences.

mod basics {
    use super::super::*;

    fn org() -> Org {
        crate::io::load_str(crate::samples::BUILTIN, "builtin").unwrap()
    }

    fn pid(s: &str) -> PersonId {
        PersonId::new(s)
    }

    fn tid(s: &str) -> TeamId {
        TeamId::new(s)
    }

    #[test]
    fn move_keeps_allocation_and_refuses_duplicates() {
        let mut o = org();
        apply(
            &mut o,
            &Edit::MoveToTeam {
                person: pid("nadia"),
                from: tid("search"),
                to: tid("checkout"),
            },
        )
        .unwrap();
        assert_eq!(
            o.team(&tid("checkout"))
                .unwrap()
                .member(&pid("nadia"))
                .unwrap()
                .allocation
                .percent(),
            50
        );
        assert!(
            o.team(&tid("search"))
                .unwrap()
                .member(&pid("nadia"))
                .is_none()
        );
        let before = o.clone();
        let e = apply(
            &mut o,
            &Edit::MoveToTeam {
                person: pid("nadia"),
                from: tid("growth"),
                to: tid("checkout"),
            },
        );
        assert!(e.is_err());
        assert_eq!(o, before, "a refused edit changed the document");
    }

    #[test]
    fn fill_seat_removes_it() {
        let mut o = org();
        let seats = o.team(&tid("checkout")).unwrap().open_seats.len();
        apply(
            &mut o,
            &Edit::FillSeat {
                team: tid("checkout"),
                index: 0,
                person: pid("tomas"),
            },
        )
        .unwrap();
        let t = o.team(&tid("checkout")).unwrap();
        assert_eq!(t.open_seats.len(), seats - 1);
        assert_eq!(
            t.member(&pid("tomas")).unwrap().allocation,
            Allocation::FULL
        );
    }

    #[test]
    fn coordinator_becomes_lead() {
        let mut o = org();
        let ini = InitiativeId::new("eu-expansion");
        apply(
            &mut o,
            &Edit::AddToInitiative {
                initiative: ini.clone(),
                person: pid("erin"),
                allocation: Allocation::new(20).unwrap(),
            },
        )
        .unwrap();
        assert_eq!(o.initiative(&ini).unwrap().lead, Some(pid("erin")));
    }

    #[test]
    fn manager_cycles_are_refused() {
        let mut o = org();
        let e = apply(
            &mut o,
            &Edit::SetManager {
                person: pid("priya"),
                manager: Some(pid("bo")),
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("reporting chain"), "{e}");
        apply(
            &mut o,
            &Edit::SetManager {
                person: pid("bo"),
                manager: Some(pid("henrik")),
            },
        )
        .unwrap();
        assert_eq!(o.person(&pid("bo")).unwrap().manager, Some(pid("henrik")));
    }

    #[test]
    fn renaming_a_person_updates_references() {
        let mut o = org();
        let mut alice = o.person(&pid("alice")).unwrap().clone();
        alice.id = pid("alice-chen");
        apply(
            &mut o,
            &Edit::UpdatePerson {
                id: pid("alice"),
                person: alice,
            },
        )
        .unwrap();
        assert!(
            o.team(&tid("checkout"))
                .unwrap()
                .member(&pid("alice-chen"))
                .is_some()
        );
        assert_eq!(
            o.person(&pid("bo")).unwrap().manager,
            Some(pid("alice-chen"))
        );
        // The result is still a valid file.
        let text = crate::io::to_canonical_string(&o);
        crate::io::load_str(&text, "x").unwrap();
    }

    #[test]
    fn invalid_updates_are_refused() {
        let mut o = org();
        let mut bo = o.person(&pid("bo")).unwrap().clone();
        bo.id = pid("alice");
        assert!(
            apply(
                &mut o,
                &Edit::UpdatePerson {
                    id: pid("bo"),
                    person: bo.clone()
                }
            )
            .unwrap_err()
            .to_string()
            .contains("already has the id")
        );
        bo.id = pid("b o");
        assert!(
            apply(
                &mut o,
                &Edit::UpdatePerson {
                    id: pid("bo"),
                    person: bo
                }
            )
            .is_err()
        );
    }

    #[test]
    fn deleting_cleans_references() {
        let mut o = org();
        apply(&mut o, &Edit::DeletePerson(pid("erin"))).unwrap();
        apply(&mut o, &Edit::DeleteTeam(tid("payments"))).unwrap();
        let text = crate::io::to_canonical_string(&o);
        crate::io::load_str(&text, "x").unwrap();
    }

    #[test]
    fn batches_are_all_or_nothing() {
        let mut o = org();
        let before = o.clone();
        let bad = Edit::Batch(vec![
            Edit::MoveCard {
                card: CardId::Team(tid("checkout")),
                to: Point { x: 1.0, y: 2.0 },
            },
            Edit::MoveCard {
                card: CardId::Team(tid("nope")),
                to: Point { x: 1.0, y: 2.0 },
            },
        ]);
        assert!(apply(&mut o, &bad).is_err());
        assert_eq!(o, before);
        let good = Edit::Batch(vec![
            Edit::MoveCard {
                card: CardId::Team(tid("checkout")),
                to: Point { x: 1.0, y: 2.0 },
            },
            Edit::MoveCard {
                card: CardId::Team(tid("search")),
                to: Point { x: 3.0, y: 4.0 },
            },
        ]);
        apply(&mut o, &good).unwrap();
        assert_eq!(
            o.team(&tid("search")).unwrap().position,
            Some(Point { x: 3.0, y: 4.0 })
        );
        assert_eq!(good.label(), "move cards");
    }

    #[test]
    fn fresh_ids() {
        assert_eq!(fresh_id("New team", |s| s == "new-team"), "new-team-2");
        assert_eq!(free_allocation(&org(), &pid("nadia")), 0);
        assert_eq!(free_allocation(&org(), &pid("tomas")), 100);
    }
}

mod inverse_tests {
    use super::super::*;
    use crate::io::to_canonical_string;

    fn org() -> Org {
        crate::io::load_str(crate::samples::BUILTIN, "builtin").unwrap()
    }

    fn p(s: &str) -> PersonId {
        PersonId::new(s)
    }

    fn t(s: &str) -> TeamId {
        TeamId::new(s)
    }

    #[test]
    fn every_edit_kind_undoes_and_redoes_byte_for_byte() {
        let base = org();
        let before = to_canonical_string(&base);
        for edit in super::super::examples::every_kind(&base) {
            let mut o = base.clone();
            let inverse = apply(&mut o, &edit)
                .unwrap_or_else(|e| panic!("{edit:?}: {e}"))
                .unwrap_or_else(|| panic!("{edit:?} said it changes nothing"));
            let after = to_canonical_string(&o);
            assert_ne!(after, before, "{edit:?} changed nothing");
            let redo = apply(&mut o, &inverse)
                .unwrap_or_else(|e| panic!("undo {edit:?}: {e}"))
                .unwrap_or_else(|| panic!("undo of {edit:?} said it changes nothing"));
            assert_eq!(to_canonical_string(&o), before, "undo of {edit:?}");
            assert_eq!(o, base, "undo of {edit:?} (model)");
            apply(&mut o, &redo).unwrap_or_else(|e| panic!("redo {edit:?}: {e}"));
            assert_eq!(to_canonical_string(&o), after, "redo of {edit:?}");
            // The result is still a valid file.
            crate::io::load_str(&after, "x").unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        }
    }

    #[test]
    fn validate_agrees_with_apply_and_changes_nothing() {
        let base = org();
        for edit in super::super::examples::every_kind(&base) {
            let o = base.clone();
            validate(&o, &edit).unwrap();
            assert_eq!(o, base);
        }
        let bad = Edit::SetManager {
            person: p("priya"),
            manager: Some(p("bo")),
        };
        assert!(
            validate(&base, &bad)
                .unwrap_err()
                .to_string()
                .contains("reporting chain")
        );
    }

    #[test]
    fn validating_a_batch_checks_each_edit_against_the_ones_before_it() {
        let base = org();
        let mut growth = base.teams[0].clone();
        growth.id = t("new-bets");
        growth.name = "New bets".into();
        growth.members.clear();
        // Valid only in order: the team exists once the first edit ran.
        let batch = Edit::Batch(vec![
            Edit::AddTeam(growth),
            Edit::MoveToTeam {
                person: p("nadia"),
                from: t("search"),
                to: t("new-bets"),
            },
        ]);
        assert_eq!(validate(&base, &batch), Ok(()));
        assert!(apply(&mut base.clone(), &batch).is_ok());
        // Invalid only because of the first edit: nadia is gone.
        let batch = Edit::Batch(vec![
            Edit::DeletePerson(p("nadia")),
            Edit::MoveToTeam {
                person: p("nadia"),
                from: t("search"),
                to: t("checkout"),
            },
        ]);
        assert_eq!(
            validate(&base, &batch).unwrap_err().to_string(),
            "person \"nadia\" no longer exists"
        );
        assert!(apply(&mut base.clone(), &batch).is_err());
    }

    #[test]
    fn an_edit_that_changes_nothing_says_so() {
        let mut o = org();
        let before = o.clone();
        let nobody_there = Edit::RemoveFromInitiative {
            initiative: o.initiatives[0].id.clone(),
            person: p("nadia"),
        };
        assert_eq!(apply(&mut o, &nobody_there), Ok(None));
        assert_eq!(apply(&mut o, &Edit::Batch(vec![nobody_there])), Ok(None));
        assert_eq!(o, before);
    }

    #[test]
    fn a_failing_batch_rolls_back_what_it_applied() {
        let mut o = org();
        let before = o.clone();
        let e = Edit::Batch(vec![
            Edit::DeletePerson(p("alice")),
            Edit::MoveToTeam {
                person: p("nadia"),
                from: t("search"),
                to: t("checkout"),
            },
            Edit::DeleteTeam(t("nope")),
        ]);
        assert!(apply(&mut o, &e).is_err());
        assert_eq!(o, before);
    }

    #[test]
    fn self_references_survive_delete_and_restore() {
        let mut o = org();
        let k = o.people.iter().position(|x| x.id == p("bo")).unwrap();
        o.people[k].dotted = vec![p("bo"), p("alice"), p("bo")];
        o.people[k].manager = Some(p("bo"));
        let before = o.clone();
        let inv = apply(&mut o, &Edit::DeletePerson(p("bo")))
            .unwrap()
            .unwrap();
        apply(&mut o, &inv).unwrap();
        assert_eq!(o, before);
    }
}

mod inverse_props {
    use super::super::*;
    use proptest::prelude::*;

    /// A random edit that may or may not be valid on `o` (invalid ones must
    /// be refused without changing anything).
    fn random_edit(o: &Org, r: &mut crate::support::generate::Rng) -> Edit {
        let person = |r: &mut crate::support::generate::Rng| {
            if o.people.is_empty() {
                PersonId::new("nobody")
            } else {
                r.pick(&o.people).id.clone()
            }
        };
        let team = |r: &mut crate::support::generate::Rng| {
            if o.teams.is_empty() {
                TeamId::new("none")
            } else {
                r.pick(&o.teams).id.clone()
            }
        };
        let ini = |r: &mut crate::support::generate::Rng| {
            if o.initiatives.is_empty() {
                InitiativeId::new("none")
            } else {
                r.pick(&o.initiatives).id.clone()
            }
        };
        let roles = ["EM", "TLM", "PM", "PMT", "TPM", "PgM", "Engineer", "Nope"];
        let alloc = |r: &mut crate::support::generate::Rng| {
            Allocation::new(r.range(1, 100) as u32).unwrap()
        };
        match r.range(0, 24) {
            0 => Edit::AddSeat {
                team: team(r),
                role: RoleId::new(*r.pick(&roles)),
            },
            1 => Edit::RemoveSeat {
                team: team(r),
                index: r.range(0, 2),
            },
            2 => Edit::SetPersonRole {
                person: person(r),
                role: RoleId::new(*r.pick(&roles)),
            },
            3 => Edit::AddToTeam {
                team: team(r),
                person: person(r),
                allocation: alloc(r),
            },
            4 => Edit::MoveToTeam {
                person: person(r),
                from: team(r),
                to: team(r),
            },
            5 => Edit::RemoveFromTeam {
                team: team(r),
                person: person(r),
            },
            6 => Edit::FillSeat {
                team: team(r),
                index: 0,
                person: person(r),
            },
            7 => Edit::AddToInitiative {
                initiative: ini(r),
                person: person(r),
                allocation: alloc(r),
            },
            8 => Edit::RemoveFromInitiative {
                initiative: ini(r),
                person: person(r),
            },
            9 => Edit::SetManager {
                person: person(r),
                manager: r.chance(80).then(|| person(r)),
            },
            10 => Edit::DeletePerson(person(r)),
            11 => Edit::DeleteTeam(team(r)),
            12 => Edit::DeleteInitiative(ini(r)),
            13 => Edit::MoveCard {
                card: CardId::Team(team(r)),
                to: Point {
                    x: r.range(0, 999) as f32,
                    y: 3.0,
                },
            },
            14 => {
                let id = person(r);
                match o.person(&id) {
                    Some(x) => {
                        let mut x = x.clone();
                        x.id = PersonId::new(format!("{}-x", x.id));
                        x.dotted.push(person(r));
                        Edit::UpdatePerson { id, person: x }
                    }
                    None => Edit::DeletePerson(id),
                }
            }
            15 => {
                let id = team(r);
                match o.team(&id) {
                    Some(x) => {
                        let mut x = x.clone();
                        x.id = TeamId::new(format!("{}-x", x.id));
                        x.members.reverse();
                        Edit::UpdateTeam { id, team: x }
                    }
                    None => Edit::DeleteTeam(id),
                }
            }
            16 => Edit::AddPerson(Person::new(
                format!("p{}", r.range(0, 99)),
                "P",
                *r.pick(&roles),
            )),
            17 => Edit::AddTeam(Team::new(format!("t{}", r.range(0, 99)), "T")),
            18 => Edit::SetAllocation {
                card: CardId::Team(team(r)),
                person: person(r),
                allocation: alloc(r),
            },
            19 => Edit::SetLead {
                initiative: ini(r),
                lead: r.chance(50).then(|| person(r)),
            },
            20 => Edit::RemoveWaiver(r.range(0, 2)),
            21 => Edit::AddInitiativeSeat {
                initiative: ini(r),
                role: RoleId::new(*r.pick(&roles)),
            },
            22 => Edit::RemoveInitiativeSeat {
                initiative: ini(r),
                index: r.range(0, 2),
            },
            _ => Edit::Batch(vec![random_edit(o, r), random_edit(o, r)]),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn random_edit_sequences_undo_to_the_same_bytes(seed in any::<u64>(), len in 1usize..40) {
            let base = crate::support::generate::generate(120, seed % 7);
            let before = crate::io::to_canonical_string(&base);
            let mut o = base.clone();
            let mut r = crate::support::generate::Rng::new(seed);
            let mut history = Vec::new();
            let mut states = vec![before.clone()];
            for _ in 0..len {
                let e = random_edit(&o, &mut r);
                let snapshot = o.clone();
                // Validation agrees with applying, batches included (their
                // second edit often depends on the first).
                let valid = validate(&o, &e);
                prop_assert_eq!(&o, &snapshot, "validate changed the org: {:?}", e);
                let applied = apply(&mut o, &e);
                prop_assert_eq!(valid.is_ok(), applied.is_ok(), "{:?}: {:?} vs {:?}", e, valid, applied);
                match applied {
                    Ok(Some(inv)) => {
                        history.push((e, inv));
                        states.push(crate::io::to_canonical_string(&o));
                    }
                    // An edit that says it changes nothing changed nothing.
                    Ok(None) => prop_assert_eq!(&o, &snapshot, "a no-op changed the org: {:?}", e),
                    Err(_) => prop_assert_eq!(&o, &snapshot, "refused edit changed the org: {:?}", e),
                }
            }
            // Every state is a valid file.
            crate::io::load_str(states.last().unwrap(), "x").unwrap();
            // Undo everything, checking each state on the way.
            let mut redo = Vec::new();
            while let Some((e, inv)) = history.pop() {
                let fwd = apply(&mut o, &inv)
                    .unwrap_or_else(|err| panic!("undo {e:?}: {err}"))
                    .unwrap_or_else(|| panic!("undo of {e:?} said it changes nothing"));
                states.pop();
                prop_assert_eq!(&crate::io::to_canonical_string(&o), states.last().unwrap());
                redo.push(fwd);
            }
            prop_assert_eq!(&o, &base);
            // And redo it all.
            while let Some(fwd) = redo.pop() {
                apply(&mut o, &fwd).unwrap();
            }
            crate::io::load_str(&crate::io::to_canonical_string(&o), "x").unwrap();
        }
    }
}

mod roles {
    use super::super::*;

    #[test]
    fn roles_in_use_cannot_go_and_a_roles_change_undoes() {
        let mut org = crate::io::load_str(crate::samples::BUILTIN, "sample").unwrap();
        let before = crate::io::to_canonical_string(&org);
        // ProductLead is the sample's custom role, and Sofia Marin has it.
        assert!(org.people.iter().any(|p| p.role.as_str() == "ProductLead"));
        let err = apply(&mut org, &Edit::SetRoles(Vec::new())).unwrap_err();
        assert_eq!(err, EditError::RoleInUse(RoleId::new("ProductLead")));
        assert_eq!(
            crate::io::to_canonical_string(&org),
            before,
            "refused: unchanged"
        );
        let mut roles = org.roles.clone();
        roles.push(crate::model::CustomRole {
            id: RoleId::new("Designer"),
            name: "Product designer".into(),
            provides: Default::default(),
            like: None,
        });
        let twice = [roles.clone(), vec![roles[0].clone()]].concat();
        assert!(matches!(
            apply(&mut org, &Edit::SetRoles(twice)),
            Err(EditError::RoleTwice(_))
        ));
        let inverse = apply(&mut org, &Edit::SetRoles(roles)).unwrap().unwrap();
        assert!(org.roles.iter().any(|r| r.id.as_str() == "Designer"));
        apply(&mut org, &inverse).unwrap();
        assert_eq!(
            crate::io::to_canonical_string(&org),
            before,
            "undone byte for byte"
        );
    }
}
