"""History reads as text: the changed sentences, whole, before and after."""

from publishing.history import MAX_PASSAGES, sentence_changes


def test_only_the_changed_sentences_show_with_their_words_marked():
    before, after = sentence_changes(
        "<p>We lead security. We answer within a day. We never sell data.</p>",
        "<p>We lead security. We answer within two days. We never sell data.</p>",
    )

    assert before == "We answer within <del>a</del> <del>day.</del>"
    assert after == "We answer within <ins>two</ins> <ins>days.</ins>"


def test_changed_sentences_next_to_each_other_read_as_one_passage():
    before, after = sentence_changes(
        "One stays. Two goes. Three goes. Four stays.",
        "One stays. Deux. Trois. Four stays.",
    )

    assert before == "<del>Two</del> <del>goes.</del> <del>Three</del> <del>goes.</del>"
    assert after == "<ins>Deux.</ins> <ins>Trois.</ins>"


def test_passages_apart_are_joined_by_an_ellipsis():
    before, after = sentence_changes(
        "First old. Middle stays. Last old.", "First new. Middle stays. Last new."
    )

    assert before == "First <del>old.</del> … Last <del>old.</del>"
    assert after == "First <ins>new.</ins> … Last <ins>new.</ins>"


def test_a_field_filled_in_for_the_first_time_was_a_dash():
    before, after = sentence_changes("", "A description at last.")

    assert before == "–"
    assert after == "<ins>A</ins> <ins>description</ins> <ins>at</ins> <ins>last.</ins>"


def test_many_changes_are_cut_short_with_an_ellipsis():
    old = " Same. ".join(f"Old {n}." for n in range(MAX_PASSAGES + 2))
    new = " Same. ".join(f"New {n}." for n in range(MAX_PASSAGES + 2))

    before, after = sentence_changes(old, new)

    assert before.count("<del>") == MAX_PASSAGES
    assert before.endswith(" … …")
    assert after.endswith(" … …")


def test_an_unchanged_text_has_no_changes():
    assert sentence_changes("<p>Same words.</p>", "Same   words.") is None


def test_a_removed_sentence_is_a_dash_after():
    before, after = sentence_changes("Keep this. Drop this.", "Keep this.")

    assert before == "<del>Drop</del> <del>this.</del>"
    assert after == "–"


def test_as_many_changes_as_shown_are_not_cut():
    old = " Same. ".join(f"Old {n}." for n in range(MAX_PASSAGES))
    new = " Same. ".join(f"New {n}." for n in range(MAX_PASSAGES))

    before, _ = sentence_changes(old, new)

    assert before.count("<del>") == MAX_PASSAGES
    assert not before.endswith("…")
