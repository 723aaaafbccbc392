"""The notes corpus the importer is measured on (bench/bench_notes_corpus.py): the twelve
fixture styles of tests/test_note_styles.py plus fourteen more, all fictional, each written
in a style seen in public notes, templates and exports. `dev` files are the ones the reader's
rules were designed from; `heldout` files were written before those rules and are measured
apart; `fresh` files were written later, each in a layout no other file uses, with their
expectations fixed before the importer first read them; `blind` files were written while the
importer was tuned on `fresh`, by someone who read neither it nor any other corpus file, and
nobody tunes on them; `blind2` files were written the same way while it was tuned on `fresh`
and `blind`; `blind3` files were written while the importer was tuned on `fresh`, `blind` and
`blind2`, by someone who read neither it nor any corpus file, in layouts no earlier file uses
(org-mode, Roam, a Kanban board, YAML, AsciiDoc, a mock-interview chat log, a prep doc for
three companies, a bilingual question-first note), and nobody tunes on them; `blind4` files
were written the same way while the importer was tuned on `blind3`, in layouts no earlier
file uses (H2 principles over numbered stories with an indented STAR paragraph, an Evernote
export with **Tags:** lines, question | story tables per principle, competency pairs written
with slashes, Confluence wiki markup, Title Case stories with LP hashtags, reStructuredText,
a German prep doc with English LP names), and nobody tunes on them. Each entry says what a
careful reader expects, in the fixtures' format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

STYLES = Path(__file__).parent / "data" / "note-styles"


@dataclass(frozen=True)
class Expected:
    """`stories`: a phrase of each story's title -> the principles it is filed under."""

    file: str
    stories: dict[str, set[str]]
    questions: int = 0
    #: question text (a phrase) -> the story (a phrase of its title) its answer names
    answers: dict[str, str] = field(default_factory=dict)
    #: stories whose Situation and Result the notes tell as STAR parts
    star: tuple[str, ...] = ()
    style: str = ""
    group: str = "fixture"


DEV = [
    Expected("dev/13-logseq-outline.md", {
        "Dispatch ETA rewrite": {"customer-obsession", "ownership"},
        "Night shift handover tool": {"ownership"},
        "Fuel card fraud spike": {"dive-deep"},
    }, questions=1, answers={"above and beyond": "Dispatch ETA rewrite"},
        style="logseq", group="dev"),
    Expected("dev/14-plain-text.txt", {
        "Pharmacy refill reminders": {"customer-obsession", "deliver-results"},
        "Label printer rollout": {"deliver-results"},
        "Reused old tablets": {"frugality"},
    }, style="plain text", group="dev"),
    Expected("dev/15-word-paste-crlf-bom.md", {
        "Braille menu pilot": {"customer-obsession", "earn-trust"},
        "Franchise pricing error": {"earn-trust", "bias-for-action"},
    }, star=("Braille menu pilot",), style="word paste", group="dev"),
    Expected("dev/16-abbreviations-legend.md", {
        "Search autocomplete cache": {"customer-obsession", "dive-deep"},
        "Build pipeline split": {"invent-and-simplify", "deliver-results"},
        "Pager storm": {"ownership", "bias-for-action"},
    }, star=("Search autocomplete cache", "Build pipeline split", "Pager storm"),
        style="abbreviations", group="dev"),
    Expected("dev/17-story-matrix.md", {
        "Lakehouse migration": {"ownership", "think-big"},
        "Late invoices root cause": {"customer-obsession", "dive-deep"},
        "Growing two juniors": {"hire-and-develop-the-best"},
    }, star=("Lakehouse migration", "Late invoices root cause"), style="matrix", group="dev"),
    Expected("dev/18-obsidian-vault", {
        "Checkout fraud rules": {"dive-deep", "customer-obsession"},
        "Warehouse robot pilot": {"think-big", "bias-for-action", "invent-and-simplify"},
    }, star=("Checkout fraud rules", "Warehouse robot pilot"), style="obsidian", group="dev"),
    Expected("dev/19-google-docs-export.md", {
        "Offline maps for field techs": {"customer-obsession", "have-backbone"},
        "Vendor SDK swap": {"have-backbone"},
        "Kotlin coroutines": {"learn-and-be-curious"},
    }, style="google docs", group="dev"),
    Expected("dev/20-notion-export.md", {
        "Seller payout delays": {"customer-obsession", "dive-deep"},
        "Intern program from scratch": {"hire-and-develop-the-best"},
    }, questions=2, answers={"dig into the data": "Seller payout delays",
                             "someone you developed": "Intern program from scratch"},
        star=("Seller payout delays", "Intern program from scratch"), style="notion", group="dev"),
]

HELDOUT = [
    Expected("heldout/21-notion-toggles.md", {
        "Legacy billing sunset": {"ownership", "earn-trust"},
        "Release train": {"ownership", "invent-and-simplify"},
    }, style="notion", group="heldout"),
    Expected("heldout/22-story-list-dash.md", {
        "Ticket triage bot": {"invent-and-simplify", "customer-obsession"},
        "Data center move": {"ownership", "deliver-results", "bias-for-action"},
        "Hiring loop redesign": {"hire-and-develop-the-best", "insist-on-the-highest-standards"},
        "Cost review of GPU cluster": {"frugality", "dive-deep"},
    }, style="story list", group="heldout"),
    Expected("heldout/23-logseq-journal.md", {
        "Memory leak in the image service": {"dive-deep", "deliver-results"},
        "Payments SDK upgrade": {"deliver-results"},
    }, style="logseq", group="heldout"),
    Expected("heldout/24-abbrev-colon-legend.md", {
        "Recommendation carousel test": {"customer-obsession", "dive-deep"},
        "Regional expansion plan": {"think-big", "ownership"},
        "Pushing back on the deadline": {"have-backbone"},
    }, questions=1, answers={"disagreed with your boss": "Pushing back on the deadline"},
        style="abbreviations", group="heldout"),
    Expected("heldout/25-onenote-paste.md", {
        "Kafka cluster upgrade": {"ownership", "dive-deep"},
        "Checkout latency regression": {"dive-deep"},
    }, questions=1, star=("Kafka cluster upgrade",), style="word paste", group="heldout"),
    Expected("heldout/26-gdocs-questions.md", {
        "Returns label in the app": {"customer-obsession", "bias-for-action"},
        "Warehouse Wi-Fi outage": {"bias-for-action"},
    }, questions=2, answers={"calculated risk": "Warehouse Wi-Fi outage",
                             "out of your way": "Returns label in the app"},
        style="google docs", group="heldout"),
]

#: written later, by people who had not seen the reader's rules, in layouts none of the
#: files above use; one style per file, so the bench shows each file on its own line
FRESH = [
    Expected("fresh/27-notion-database-export.md", {
        "Loyalty points double-spend": {"dive-deep", "customer-obsession"},
        "Courier app offline mode": {"customer-obsession", "bias-for-action"},
        "Saying no to the big rewrite": {"have-backbone"},
        "Mentoring Ola": {"hire-and-develop-the-best"},
        "Halving the CI bill": {"frugality", "invent-and-simplify"},
        "Missed the Q3 partner launch": {"ownership", "earn-trust"},
    }, questions=4, answers={"dig into data": "Loyalty points double-spend",
                             "disagreed with your manager": "Saying no to the big rewrite",
                             "time you failed": "Missed the Q3 partner launch",
                             "more with less": "Halving the CI bill"},
        star=("Loyalty points double-spend", "Courier app offline mode", "Halving the CI bill"),
        style="notion db table", group="fresh"),
    Expected("fresh/28-gdocs-story-headings.md", {
        "Clinic booking no-shows": {"customer-obsession", "dive-deep"},
        "EHR vendor migration": {"deliver-results", "ownership"},
        "Standing up the on-call rota": {"insist-on-the-highest-standards"},
        "Pushing back on the launch date": {"have-backbone"},
        "Hiring the first QA engineer": {"hire-and-develop-the-best", "earn-trust"},
    }, questions=5, answers={"customer problem": "Clinic booking no-shows",
                             "senior leader": "Pushing back on the launch date",
                             "raised the bar": "Standing up the on-call rota",
                             "outside your area": "EHR vendor migration",
                             "skeptical team": "Hiring the first QA engineer"},
        star=("Clinic booking no-shows", "EHR vendor migration", "Standing up the on-call rota",
              "Pushing back on the launch date", "Hiring the first QA engineer"),
        style="gdocs story headings", group="fresh"),
    Expected("fresh/29-logseq-block-properties.md", {
        "Cold chain sensor alerts": {"customer-obsession", "bias-for-action"},
        "Route planner rewrite": {"invent-and-simplify", "ownership"},
        "Audit log gap": {"dive-deep"},
        "Coaching Bao to senior": {"hire-and-develop-the-best"},
        "Refurbished handhelds": {"frugality"},
    }, questions=3, answers={"without having all the data": "Cold chain sensor alerts",
                             "nobody else had noticed": "Audit log gap",
                             "someone on your team grow": "Coaching Bao to senior"},
        star=("Cold chain sensor alerts", "Route planner rewrite", "Audit log gap"),
        style="logseq properties", group="fresh"),
    Expected("fresh/30-plain-text-numbered-lps.txt", {
        "Ferry ticket gates": {"customer-obsession", "dive-deep"},
        "Timetable feed outage": {"bias-for-action", "ownership"},
        "Depot spreadsheet": {"invent-and-simplify", "deliver-results"},
        "Second-hand servers": {"frugality"},
        "Telling the ops director": {"earn-trust", "have-backbone"},
    }, questions=4, answers={"without all the data": "Timetable feed outage",
                             "bad news": "Telling the ops director",
                             "saved money": "Second-hand servers",
                             "something you simplified": "Depot spreadsheet"},
        style="plain text LP nos", group="fresh"),
    Expected("fresh/31-obsidian-vault-lp-tags", {
        "Grain dryer alarms": {"customer-obsession", "ownership"},
        "Moisture sensor drift": {"dive-deep", "insist-on-the-highest-standards"},
        "Farmer app onboarding": {"customer-obsession", "earn-trust"},
        "Dealer network pilot": {"think-big", "bias-for-action"},
        "Refurb tablets for drivers": {"frugality"},
    }, questions=3, answers={"root cause": "Moisture sensor drift",
                             "calculated risk": "Dealer network pilot",
                             "win back": "Farmer app onboarding"},
        star=("Grain dryer alarms", "Moisture sensor drift", "Dealer network pilot",
              "Refurb tablets for drivers"),
        style="obsidian + template", group="fresh"),
    Expected("fresh/32-onenote-paste-crlf-bom.md", {
        "Vendor portal login outage": {"bias-for-action", "ownership"},
        "Duplicate invoice detector": {"dive-deep", "deliver-results"},
        "Onboarding guide for new joiners": {"hire-and-develop-the-best"},
        "Learning Rust for the parser": {"learn-and-be-curious"},
        "Supplier payment terms change": {"earn-trust", "customer-obsession"},
    }, questions=3, answers={"incomplete information": "Vendor portal login outage",
                             "learned something new": "Learning Rust for the parser",
                             "went into the detail": "Duplicate invoice detector"},
        star=("Vendor portal login outage", "Duplicate invoice detector",
              "Onboarding guide for new joiners", "Learning Rust for the parser",
              "Supplier payment terms change"),
        style="onenote story-first", group="fresh"),
    Expected("fresh/33-long-abbrev-legend-at-end.md", {
        "Instant payouts for sellers": {"customer-obsession", "think-big"},
        "Chargeback spike in Poland": {"dive-deep"},
        "Killing the loyalty wallet": {"have-backbone", "are-right-a-lot"},
        "PSD2 deadline": {"deliver-results", "ownership"},
        "Checkout in one page": {"invent-and-simplify", "customer-obsession"},
        "Growing Jonas into a PM": {"hire-and-develop-the-best"},
        "Reconciliation tool on a shoestring": {"frugality", "invent-and-simplify"},
        "outage I caused": {"ownership", "earn-trust"},
        "Learning SQL properly": {"learn-and-be-curious"},
        "Vendor wanted a price hike": {"frugality", "have-backbone"},
    }, questions=5, answers={"disagreed with your manager": "Killing the loyalty wallet",
                             "time you failed": "outage I caused",
                             "bold idea": "Instant payouts for sellers",
                             "hard deadline": "PSD2 deadline",
                             "helped someone grow": "Growing Jonas into a PM"},
        star=("Instant payouts for sellers", "Chargeback spike in Poland",
              "Killing the loyalty wallet", "PSD2 deadline", "Checkout in one page",
              "Growing Jonas into a PM", "Reconciliation tool on a shoestring",
              "outage I caused", "Learning SQL properly", "Vendor wanted a price hike"),
        style="legend at end", group="fresh"),
    Expected("fresh/34-lp-rows-story-columns.md", {
        "Mobile money reversals": {"customer-obsession", "dive-deep"},
        "Data centre exit": {"ownership", "bias-for-action", "deliver-results"},
        "Rebuilding the team after the reorg": {"hire-and-develop-the-best", "earn-trust"},
        "Self-serve merchant onboarding": {"invent-and-simplify", "think-big"},
        "Agent fraud complaints": {"customer-obsession", "earn-trust"},
        "Flaky test quarantine": {"insist-on-the-highest-standards", "dive-deep"},
        "Refusing the unsafe launch": {"ownership", "have-backbone"},
    }, questions=5, answers={"above and beyond": "Mobile money reversals",
                             "good enough": "Flaky test quarantine",
                             "disagreed with a decision": "Refusing the unsafe launch",
                             "limited information": "Data centre exit",
                             "build trust with a team": "Rebuilding the team after the reorg"},
        star=("Mobile money reversals", "Data centre exit", "Rebuilding the team after the reorg",
              "Self-serve merchant onboarding", "Agent fraud complaints", "Flaky test quarantine",
              "Refusing the unsafe launch"),
        style="LP rows x codes", group="fresh"),
]

#: written blind (issue #14): by a helper that had read neither the importer's code nor any
#: other corpus file, while the importer was being tuned on FRESH; nobody tunes on these
BLIND = [
    Expected("blind/35-notion-toggles-property-tables.md", {
        "Substitution model for out-of-stock items": {"customer-obsession", "invent-and-simplify"},
        "Feature store outage on Black Friday": {"ownership", "bias-for-action"},
        "Label noise audit": {"dive-deep", "insist-on-the-highest-standards"},
        "Convincing finance to keep the GPU budget": {"have-backbone", "are-right-a-lot"},
        "Onboarding two new data scientists": {"hire-and-develop-the-best"},
        "Spot instances for training": {"frugality"},
    }, questions=5, answers={"invented something to help customers":
                             "Substitution model for out-of-stock items",
                             "act fast": "Feature store outage on Black Friday",
                             "problem others missed": "Label noise audit",
                             "disagreed with leadership":
                             "Convincing finance to keep the GPU budget"},
        star=("Substitution model for out-of-stock items", "Feature store outage on Black Friday",
              "Label noise audit", "Spot instances for training"),
        style="notion toggle tables", group="blind"),
    Expected("blind/36-gdocs-export-toc-anchors.md", {
        "Churn call-back program": {"customer-obsession", "deliver-results"},
        "Ticket tagging taxonomy": {"invent-and-simplify", "insist-on-the-highest-standards"},
        "Outsourcing vendor exit": {"have-backbone", "ownership"},
        "SLA dashboard that lied": {"dive-deep", "earn-trust"},
        "Learning Portuguese": {"learn-and-be-curious"},
    }, questions=5, answers={"above and beyond for a customer": "Churn call-back program",
                             "something you simplified": "Ticket tagging taxonomy",
                             "disagreed with your manager": "Outsourcing vendor exit",
                             "data did not match": "SLA dashboard that lied"},
        star=("Churn call-back program", "Ticket tagging taxonomy", "Outsourcing vendor exit",
              "SLA dashboard that lied"),
        style="gdocs toc anchors", group="blind"),
    Expected("blind/37-logseq-namespace-tags-block-refs.md", {
        "Pick-path heatmap": {"dive-deep", "invent-and-simplify"},
        "Robot firmware rollback": {"bias-for-action", "ownership"},
        "Safety sensor false stops": {"insist-on-the-highest-standards", "customer-obsession"},
        "Mentoring the co-op students": {"hire-and-develop-the-best"},
        "Used lidar units": {"frugality"},
        "site-wide simulation": {"think-big"},
    }, questions=5, answers={"looking at the data yourself": "Pick-path heatmap",
                             "calculated risk": "Robot firmware rollback",
                             "compromise on quality": "Safety sensor false stops",
                             "bold bet": "site-wide simulation"},
        star=("Pick-path heatmap", "Robot firmware rollback", "Safety sensor false stops"),
        style="logseq lp/ tags+refs", group="blind"),
    Expected("blind/38-plain-text-apple-notes.txt", {
        "Night pharmacy courier": {"customer-obsession", "bias-for-action"},
        "Theatre scheduling spreadsheet": {"invent-and-simplify", "deliver-results"},
        "Linen contract renegotiation": {"frugality", "have-backbone"},
        "Stock count discrepancy": {"dive-deep"},
        "Telling the ward managers": {"earn-trust"},
        "Training the new porters": {"hire-and-develop-the-best"},
    }, questions=4, answers={"move quickly": "Night pharmacy courier",
                             "simplified something complicated": "Theatre scheduling spreadsheet",
                             "deliver bad news": "Telling the ward managers"},
        star=("Night pharmacy courier", "Theatre scheduling spreadsheet",
              "Stock count discrepancy"),
        style="plain good-for lines", group="blind"),
    Expected("blind/39-obsidian-vault-mixed-lps", {
        "Surge pricing cap": {"customer-obsession", "earn-trust"},
        "Driver payout batch failure": {"ownership", "deliver-results"},
        "Geo index rewrite": {"invent-and-simplify", "think-big"},
        "Duplicate trip charges": {"dive-deep", "customer-obsession"},
        "Coaching Marta": {"hire-and-develop-the-best"},
        "Cheaper map tiles": {"frugality"},
    }, questions=5, answers={"made things right for customers": "Surge pricing cap",
                             "wasn't your job": "Driver payout batch failure",
                             "root cause others had missed": "Duplicate trip charges",
                             "helped a colleague grow": "Coaching Marta"},
        star=("Surge pricing cap", "Driver payout batch failure", "Geo index rewrite",
              "Duplicate trip charges"),
        style="obsidian mixed lps", group="blind"),
    Expected("blind/40-onenote-word-outline-crlf-bom.md", {
        "Baggage tracking SMS": {"customer-obsession", "invent-and-simplify"},
        "Crew roster cutover weekend": {"ownership", "deliver-results"},
        "Fuel data feed mismatch": {"dive-deep"},
        "Saying no to the extra release": {"have-backbone"},
        "Lessons-learned wiki": {"hire-and-develop-the-best"},
    }, questions=4, answers={"dive deep into data": "Fuel data feed mismatch",
                             "big change under pressure": "Crew roster cutover weekend",
                             "pushed back on a senior stakeholder":
                             "Saying no to the extra release"},
        star=("Baggage tracking SMS", "Crew roster cutover weekend", "Fuel data feed mismatch"),
        style="word outline by LP", group="blind"),
    Expected("blind/41-long-prep-diary-abbrev-key.md", {
        "Claims dedupe pipeline": {"dive-deep", "deliver-results",
                                   "insist-on-the-highest-standards"},
        "Broker portal CSV export": {"customer-obsession", "invent-and-simplify"},
        "Nightly batch SLA rescue": {"ownership", "bias-for-action"},
        "Pushing back on the vendor lakehouse": {"have-backbone", "frugality"},
        "Flood-risk model data contract": {"earn-trust", "ownership"},
        "Mentoring Femi": {"hire-and-develop-the-best"},
        "Reading the actuarial textbook": {"learn-and-be-curious"},
        "data catalogue proposal": {"think-big"},
    }, questions=6, answers={"dig deep to find the root cause": "Claims dedupe pipeline",
                             "customers didn't ask for": "Broker portal CSV export",
                             "disagreed with a decision and then committed":
                             "Pushing back on the vendor lakehouse",
                             "before you were asked": "Nightly batch SLA rescue",
                             "rebuilt trust": "Flood-risk model data contract"},
        star=("Claims dedupe pipeline", "Broker portal CSV export", "Nightly batch SLA rescue",
              "Pushing back on the vendor lakehouse", "Flood-risk model data contract",
              "data catalogue proposal"),
        style="diary, key on top", group="blind"),
    Expected("blind/42-matrix-dots-all-lps.md", {
        "Offline workout sync": {"customer-obsession", "invent-and-simplify", "deliver-results"},
        "App store rating recovery": {"customer-obsession", "ownership", "earn-trust"},
        "Crash-free rate push": {"insist-on-the-highest-standards", "dive-deep"},
        "Hiring the first Android lead": {"are-right-a-lot", "hire-and-develop-the-best"},
        "Killing the social feed": {"are-right-a-lot", "have-backbone"},
        "Shared CI runners": {"invent-and-simplify", "frugality"},
        "Subscription paywall": {"learn-and-be-curious", "dive-deep"},
    }, questions=5, answers={"hard deadline": "Offline workout sync",
                             "mistake that affected customers": "App store rating recovery",
                             "raised the bar for your team": "Crash-free rate push",
                             "disagreed with your manager": "Killing the social feed"},
        star=("Offline workout sync", "App store rating recovery", "Crash-free rate push",
              "Killing the social feed"),
        style="matrix ●/○ 16 LPs", group="blind"),
]

#: written later still, while the importer was tuned on `fresh` and `blind`, by someone who
#: read neither it nor any other corpus file's content; nobody tunes on them
BLIND2 = [
    Expected("blind2/43-notion-wiki-toggle-gallery.md", {
        "Battery swap kiosk queue": {"customer-obsession", "invent-and-simplify"},
        "Invoice numbering collision": {"dive-deep", "insist-on-the-highest-standards"},
        "Weekend outage": {"ownership", "bias-for-action"},
        "Growing Kasia into tech lead": {"hire-and-develop-the-best"},
        "Cancelling the second data warehouse": {"frugality", "have-backbone"},
    }, questions=5, answers={"went out of your way for a customer": "Battery swap kiosk queue",
                             "belonged to someone else": "Weekend outage",
                             "root cause of a messy problem": "Invoice numbering collision",
                             "disagreed with a senior leader":
                             "Cancelling the second data warehouse"},
        star=("Battery swap kiosk queue", "Invoice numbering collision", "Weekend outage",
              "Cancelling the second data warehouse"),
        style="notion gallery", group="blind2"),
    Expected("blind2/44-gdocs-export-escaped-numbered.md", {
        "Chargeback dispute portal": {"customer-obsession", "earn-trust"},
        "FX rounding bug": {"dive-deep", "deliver-results"},
        "Fixing pager burnout": {"earths-best-employer", "ownership"},
        "Hiring bar for the Lagos hub": {"hire-and-develop-the-best",
                                         "insist-on-the-highest-standards"},
        "Refusing the Black Friday freeze exception": {"have-backbone"},
        "Reading every merchant complaint": {"learn-and-be-curious"},
    }, questions=5, answers={"earned the trust of a skeptical customer":
                             "Chargeback dispute portal",
                             "dig into details": "FX rounding bug",
                             "disagreed and committed": "Refusing the Black Friday freeze exception",
                             "improved life for your team": "Fixing pager burnout"},
        star=("Chargeback dispute portal", "FX rounding bug", "Fixing pager burnout",
              "Refusing the Black Friday freeze exception"),
        style="gdocs escaped", group="blind2"),
    Expected("blind2/45-logseq-headed-blocks-answer-props.md", {
        "Forecast dashboard nobody opened": {"customer-obsession", "are-right-a-lot"},
        "Warehouse labour model rebuild": {"dive-deep", "invent-and-simplify"},
        "Owning the broken KPI definition": {"ownership", "earn-trust"},
        "SQL office hours": {"hire-and-develop-the-best"},
        "Same-day report for the flood": {"bias-for-action", "deliver-results"},
        "Python course on my own time": {"learn-and-be-curious"},
    }, questions=5, answers={"change someone's mind": "Forecast dashboard nobody opened",
                             "most complex analysis": "Warehouse labour model rebuild",
                             "mistake you made": "Owning the broken KPI definition",
                             "decide without all the data": "Same-day report for the flood"},
        star=("Forecast dashboard nobody opened", "Warehouse labour model rebuild",
              "Owning the broken KPI definition", "Same-day report for the flood"),
        style="logseq answer::", group="blind2"),
    Expected("blind2/46-plain-text-email-to-self.txt", {
        "Cold chain sensor alarms": {"customer-obsession", "dive-deep"},
        "Firmware update that bricked 200 units": {"ownership", "earn-trust"},
        "Replacing the 40 euro chip": {"frugality", "invent-and-simplify"},
        "Saying no to the launch date": {"have-backbone", "insist-on-the-highest-standards"},
        "Teaching the support team to read logs": {"hire-and-develop-the-best"},
    }, questions=5, answers={"raised the bar on quality": "Saying no to the launch date",
                             "a time you failed": "Firmware update that bricked 200 units",
                             "a time you were frugal": "Replacing the 40 euro chip",
                             "looked at data others ignored": "Cold chain sensor alarms"},
        star=("Cold chain sensor alarms", "Firmware update that bricked 200 units",
              "Replacing the 40 euro chip", "Saying no to the launch date"),
        style="plain email", group="blind2"),
    Expected("blind2/47-obsidian-vault-nested-folders", {
        "Returns fraud ring": {"dive-deep", "earn-trust", "customer-obsession"},
        "Label printer firmware rollback": {"bias-for-action", "ownership"},
        "Onboarding buddy program": {"hire-and-develop-the-best", "earths-best-employer"},
        "Killing the nightly batch": {"invent-and-simplify", "frugality", "deliver-results"},
        "Pushing back on the rewrite": {"have-backbone"},
    }, questions=5, answers={"protected customers from a bad experience": "Returns fraud ring",
                             "acted quickly on something outside your area":
                             "Label printer firmware rollback",
                             "simpler and cheaper": "Killing the nightly batch",
                             "challenged a technical decision": "Pushing back on the rewrite"},
        star=("Returns fraud ring", "Label printer firmware rollback",
              "Killing the nightly batch"),
        style="obsidian folders", group="blind2"),
    Expected("blind2/48-onenote-tab-glyph-bullets-crlf-bom.md", {
        "Carrier onboarding in 10 days": {"deliver-results", "bias-for-action"},
        "Customs data gaps": {"dive-deep", "customer-obsession"},
        "Warehouse slotting pilot": {"think-big", "invent-and-simplify"},
        "Escalating the unsafe dock schedule": {"success-and-scale", "have-backbone"},
        "Mentoring two new PMs": {"hire-and-develop-the-best"},
    }, questions=5, answers={"deliver with very little time": "Carrier onboarding in 10 days",
                             "went into the details": "Customs data gaps",
                             "most ambitious plan": "Warehouse slotting pilot",
                             "spoke up about a risk": "Escalating the unsafe dock schedule"},
        star=("Carrier onboarding in 10 days", "Customs data gaps", "Warehouse slotting pilot",
              "Escalating the unsafe dock schedule"),
        style="onenote glyphs bom", group="blind2"),
    Expected("blind2/49-star-bank-use-for-abbr-defs.md", {
        "Migrating the clinic chain": {"customer-obsession", "ownership", "deliver-results"},
        "The cost explorer surprise": {"dive-deep", "frugality"},
        "Saying the architecture was wrong": {"have-backbone", "earn-trust", "are-right-a-lot"},
        "Serverless image pipeline": {"bias-for-action", "invent-and-simplify"},
        "Running the SA study group": {"hire-and-develop-the-best"},
        "Learning Rust for the edge agent": {"learn-and-be-curious"},
        "well-architected review template": {"insist-on-the-highest-standards", "think-big"},
    }, questions=6, answers={"convince a senior person they were wrong":
                             "Saying the architecture was wrong",
                             "saved a customer money": "The cost explorer surprise",
                             "shipped something fast with known gaps": "Serverless image pipeline",
                             "raised the standard of your team's work":
                             "well-architected review template",
                             "learned something new quickly": "Learning Rust for the edge agent"},
        star=("Migrating the clinic chain", "The cost explorer surprise",
              "Saying the architecture was wrong", "Serverless image pipeline",
              "well-architected review template"),
        style="star bank *[XX]:", group="blind2"),
    Expected("blind2/50-sheets-csv-checkbox-matrix.md", {
        "Late-arriving events in the ad ledger": {"insist-on-the-highest-standards", "dive-deep"},
        "Self-serve backfill tool": {"customer-obsession", "invent-and-simplify"},
        "Spark cluster right-sizing": {"frugality", "dive-deep", "deliver-results"},
        "Owning the GDPR deletion pipeline": {"ownership", "earn-trust", "success-and-scale"},
        "Arguing against the streaming rewrite": {"are-right-a-lot", "have-backbone"},
        "Onboarding doc for new DEs": {"hire-and-develop-the-best"},
    }, questions=6, answers={"problem nobody else noticed": "Late-arriving events in the ad ledger",
                             "process easier for your users": "Self-serve backfill tool",
                             "reduced cost without hurting quality": "Spark cluster right-sizing",
                             "beyond your role": "Owning the GDPR deletion pipeline"},
        star=("Late-arriving events in the ad ledger", "Self-serve backfill tool",
              "Spark cluster right-sizing", "Owning the GDPR deletion pipeline"),
        style="sheets csv TRUE", group="blind2"),
]

BLIND3 = [
    Expected("blind3/51-org-mode-drawers-tags.org", {
        "Pallet scanner offline queue": {"customer-obsession", "bias-for-action"},
        "Carrier invoice reconciliation": {"dive-deep", "frugality"},
        "Saying no to the second WMS vendor": {"have-backbone", "earn-trust"},
        "Mentoring Oskar": {"hire-and-develop-the-best"},
        "Cutting label printing cost": {"frugality"},
    }, questions=5, answers={"above and beyond for a customer": "Pallet scanner offline queue",
                             "dig into data": "Carrier invoice reconciliation",
                             "disagreed with your manager": "Saying no to the second WMS vendor",
                             "helped someone on your team grow": "Mentoring Oskar"},
        star=("Pallet scanner offline queue", "Carrier invoice reconciliation",
              "Saying no to the second WMS vendor"),
        style="org tags+drawers", group="blind3"),
    Expected("blind3/52-roam-nested-blocks-attributes.md", {
        "Freezer sensor firmware recall": {"customer-obsession", "earn-trust"},
        "Battery telemetry compression": {"invent-and-simplify", "frugality"},
        "Taking over the abandoned OTA service": {"ownership"},
        "Learning Rust for the gateway rewrite": {"learn-and-be-curious"},
        "Quarter-end firmware freeze": {"deliver-results", "bias-for-action"},
    }, questions=5, answers={"mistake that affected customers": "Freezer sensor firmware recall",
                             "simplified something complicated": "Battery telemetry compression",
                             "wasn't your job": "Taking over the abandoned OTA service",
                             "learned on your own": "Learning Rust for the gateway rewrite",
                             "tight deadline": "Quarter-end firmware freeze"},
        star=("Freezer sensor firmware recall", "Battery telemetry compression",
              "Quarter-end firmware freeze"),
        style="roam LP:: blocks", group="blind3"),
    Expected("blind3/53-kanban-board-lanes-by-status.md", {
        "Hospital rota app": {"invent-and-simplify", "customer-obsession"},
        "Root-causing the duplicate prescriptions": {"dive-deep",
                                                     "insist-on-the-highest-standards"},
        "Coaching Beatriz": {"hire-and-develop-the-best", "earths-best-employer"},
        "Pushing back on the go-live date": {"have-backbone"},
        "offline mode for the ambulance tablets": {"bias-for-action", "customer-obsession"},
        "Hackathon chatbot": {"learn-and-be-curious"},
    }, questions=6, answers={"simplified a process": "Hospital rota app",
                             "going deep into the details":
                             "Root-causing the duplicate prescriptions",
                             "disagreed with a senior stakeholder":
                             "Pushing back on the go-live date",
                             "someone you helped grow": "Coaching Beatriz",
                             "move fast with incomplete information":
                             "offline mode for the ambulance tablets"},
        star=("Hospital rota app", "Root-causing the duplicate prescriptions",
              "Pushing back on the go-live date"),
        style="kanban #lp/ cards", group="blind3"),
    Expected("blind3/54-yaml-story-list.yaml", {
        "Ledger drift between payments and accounting": {"dive-deep",
                                                         "insist-on-the-highest-standards"},
        "retry storm": {"bias-for-action", "ownership"},
        "Plain-language fee page": {"customer-obsession", "earn-trust"},
        "Code review guide for the two new grads": {"hire-and-develop-the-best"},
        "Dropping the paid fraud SDK": {"frugality", "are-right-a-lot"},
    }, questions=5, answers={"root cause of a recurring problem":
                             "Ledger drift between payments and accounting",
                             "acted quickly in a crisis": "retry storm",
                             "improved things for a customer": "Plain-language fee page",
                             "decision you made that saved money": "Dropping the paid fraud SDK",
                             "a time you mentored someone":
                             "Code review guide for the two new grads"},
        star=("Ledger drift between payments and accounting", "retry storm",
              "Plain-language fee page", "Dropping the paid fraud SDK"),
        style="yaml story list", group="blind3"),
    Expected("blind3/55-asciidoc-handbook-dlists.adoc", {
        "Migrating the tax documentation to docs-as-code": {"invent-and-simplify", "think-big"},
        "Retracting the wrong filing deadline": {"earn-trust", "customer-obsession"},
        "Style guide nobody asked for": {"insist-on-the-highest-standards"},
        "Launch week with half the team out": {"deliver-results", "ownership"},
        "Teaching myself the tax code basics": {"learn-and-be-curious"},
    }, questions=4, answers={"were wrong and how you handled it":
                             "Retracting the wrong filing deadline",
                             "invented a simpler way":
                             "Migrating the tax documentation to docs-as-code",
                             "fewer resources than you needed":
                             "Launch week with half the team out",
                             "raised the bar for your team": "Style guide nobody asked for"},
        star=("Migrating the tax documentation to docs-as-code",
              "Retracting the wrong filing deadline", "Launch week with half the team out"),
        style="asciidoc dlists", group="blind3"),
    Expected("blind3/56-mock-interview-chat-transcript.md", {
        "Winning back the mobile team": {"earn-trust", "ownership"},
        "Building the feature-flag system I argued against": {"have-backbone"},
        "Ghost logouts on Android 12": {"dive-deep", "customer-obsession"},
        "Onboarding Yusuf through the auth tests": {"hire-and-develop-the-best"},
    }, questions=5, answers={"earn back the trust": "Winning back the mobile team",
                             "disagreed with your manager and were overruled":
                             "Building the feature-flag system I argued against",
                             "most complex problem": "Ghost logouts on Android 12",
                             "brought up to speed": "Onboarding Yusuf through the auth tests"},
        star=("Winning back the mobile team", "Ghost logouts on Android 12"),
        style="mock chat >> notes", group="blind3"),
    Expected("blind3/57-multi-company-values-prep.md", {
        "Pricing page A/B test that lost": {"are-right-a-lot", "earn-trust"},
        "Shutting down the legacy reports product": {"ownership", "success-and-scale"},
        "Warehouse pick-path pilot": {"think-big", "invent-and-simplify"},
        "Hiring loop for the first data PM": {"hire-and-develop-the-best",
                                              "insist-on-the-highest-standards"},
        "Two-week price-change rollout": {"bias-for-action", "deliver-results"},
    }, questions=6, answers={"a time you were wrong": "Pricing page A/B test that lost",
                             "impact beyond your team":
                             "Shutting down the legacy reports product",
                             "boldest idea": "Warehouse pick-path pilot",
                             "raise the hiring bar": "Hiring loop for the first data PM",
                             "reversible decision": "Two-week price-change rollout",
                             "put users first when it cost you":
                             "Shutting down the legacy reports product"},
        star=("Pricing page A/B test that lost", "Shutting down the legacy reports product",
              "Two-week price-change rollout"),
        style="3 companies' values", group="blind3"),
    Expected("blind3/58-bear-question-first-emoji-es.md", {
        "Reemplazo del proveedor de SMS": {"bias-for-action", "ownership"},
        "Cliente bancario y el reporte de auditoría": {"customer-obsession", "earn-trust"},
        "Tablero de fallas para soporte": {"dive-deep"},
        "Servidor de builds con hardware viejo": {"frugality", "invent-and-simplify"},
        "Mentoría a Camila": {"hire-and-develop-the-best", "earths-best-employer"},
    }, questions=5, answers={"calculated risk": "Reemplazo del proveedor de SMS",
                             "looking at the details yourself": "Tablero de fallas para soporte",
                             "did more with less": "Servidor de builds con hardware viejo",
                             "helped a teammate grow": "Mentoría a Camila"},
        star=("Reemplazo del proveedor de SMS", "Cliente bancario y el reporte de auditoría"),
        style="bear q-first es", group="blind3"),
]

BLIND4 = [
    Expected("blind4/59-h2-lps-numbered-star-paragraph.md", {
        "Refund flow for prepaid cards": {"customer-obsession"},
        "Merchant dashboard in Portuguese": {"customer-obsession", "earn-trust"},
        "Duplicate settlement files": {"dive-deep", "deliver-results"},
        "Orphaned reconciliation cron": {"ownership"},
        "Reused the staging cluster for load tests": {"frugality"},
        "Onboarding Tomasz": {"hire-and-develop-the-best"},
    }, questions=4, answers={"above and beyond for a customer": "Refund flow for prepaid cards",
                             "dig into the data to find a root cause": "Duplicate settlement files",
                             "did more with less": "Reused the staging cluster for load tests"},
        star=("Refund flow for prepaid cards", "Merchant dashboard in Portuguese",
              "Duplicate settlement files", "Reused the staging cluster for load tests"),
        style="h2 numbered STAR", group="blind4"),
    Expected("blind4/60-evernote-export-tags-lines", {
        "Cold-chain sensor alerts": {"customer-obsession", "bias-for-action"},
        "Forklift telemetry cost cut": {"frugality", "invent-and-simplify"},
        "Mentoring the night-shift leads": {"hire-and-develop-the-best", "earths-best-employer"},
        "Inventory variance root cause": {"dive-deep", "insist-on-the-highest-standards"},
        "Pushing back on the vendor go-live": {"have-backbone"},
    }, questions=5, answers={"act quickly without all the information": "Cold-chain sensor alerts",
                             "saved money for the business": "Forklift telemetry cost cut",
                             "going into the detail yourself": "Inventory variance root cause",
                             "disagreed with a group decision":
                                 "Pushing back on the vendor go-live"},
        star=("Cold-chain sensor alerts", "Forklift telemetry cost cut",
              "Inventory variance root cause"),
        style="evernote tags", group="blind4"),
    Expected("blind4/61-question-story-table-bank.md", {
        "Clinic no-show text reminders": {"customer-obsession"},
        "Angry pharmacy chain escalation": {"earn-trust"},
        "One-page intake form": {"invent-and-simplify"},
        "Learning SQL for the churn analysis": {"learn-and-be-curious", "dive-deep"},
        "Killing the loyalty points feature": {"have-backbone"},
    }, questions=6, answers={"went out of your way for a customer": "Clinic no-show text reminders",
                             "deliver bad news to a stakeholder": "Angry pharmacy chain escalation",
                             "complex process simpler": "One-page intake form",
                             "taught yourself recently": "Learning SQL for the churn analysis",
                             "used data to change a decision": "Learning SQL for the churn analysis",
                             "disagreed with your manager": "Killing the loyalty points feature"},
        star=("Clinic no-show text reminders", "Angry pharmacy chain escalation",
              "Learning SQL for the churn analysis"),
        style="q|story tables", group="blind4"),
    Expected("blind4/62-competencies-slash-pairs.md", {
        "Carrier strike contingency": {"ownership", "bias-for-action"},
        "Cycle count drift": {"dive-deep", "insist-on-the-highest-standards"},
        "Apprentice planners programme": {"hire-and-develop-the-best", "earths-best-employer"},
        "Dock scheduling spreadsheet to app": {"invent-and-simplify", "customer-obsession"},
        "Saying no to the second sort centre": {"have-backbone", "frugality"},
    }, questions=5, answers={"calculated risk": "Carrier strike contingency",
                             "root cause of a problem others had accepted": "Cycle count drift",
                             "simpler for a customer": "Dock scheduling spreadsheet to app",
                             "challenged a decision from above":
                                 "Saying no to the second sort centre"},
        star=("Carrier strike contingency", "Cycle count drift",
              "Dock scheduling spreadsheet to app"),
        style="competency pairs", group="blind4"),
    Expected("blind4/63-confluence-wiki-markup.txt", {
        "Moving the billing batch to events": {"think-big", "invent-and-simplify"},
        "The pager rota nobody wanted": {"earths-best-employer", "ownership"},
        "Hiring the first SRE": {"hire-and-develop-the-best"},
        "Tax rounding bug in the EU invoices": {"dive-deep", "earn-trust"},
        "feature-flag service": {"frugality", "are-right-a-lot"},
    }, questions=5, answers={"most ambitious thing you have led": "Moving the billing batch to events",
                             "looked after your team's wellbeing": "The pager rota nobody wanted",
                             "raised the hiring bar": "Hiring the first SRE",
                             "tell customers about a mistake": "Tax rounding bug in the EU invoices"},
        star=("Moving the billing batch to events", "The pager rota nobody wanted",
              "Tax rounding bug in the EU invoices"),
        style="confluence wiki", group="blind4"),
    Expected("blind4/64-title-case-hashtag-lps.md", {
        "The Midnight Checkout Outage": {"bias-for-action", "ownership"},
        "Rewriting The Returns Label Flow": {"customer-obsession", "invent-and-simplify"},
        "Finding The Slow Query Behind Search Timeouts": {"dive-deep",
                                                          "insist-on-the-highest-standards"},
        "Teaching The Team To Read Flame Graphs": {"learn-and-be-curious",
                                                   "hire-and-develop-the-best"},
        "Arguing Against The Big-Bang Rewrite": {"have-backbone"},
    }, questions=5, answers={"ownership of something outside your area":
                                 "The Midnight Checkout Outage",
                             "simplified something for customers": "Rewriting The Returns Label Flow",
                             "dig deep to solve": "Finding The Slow Query Behind Search Timeouts",
                             "disagreed with a senior colleague":
                                 "Arguing Against The Big-Bang Rewrite"},
        star=("The Midnight Checkout Outage", "Rewriting The Returns Label Flow"),
        style="title-case hashtags", group="blind4"),
    Expected("blind4/65-restructuredtext-prep.rst", {
        "Rebuilding the delivery-ETA pipeline": {"customer-obsession", "deliver-results"},
        "Deleting 60% of our dashboards": {"invent-and-simplify", "frugality"},
        "The missing late-night orders": {"dive-deep"},
        "Coaching Ravi through his first on-call": {"hire-and-develop-the-best", "earn-trust"},
    }, questions=5, answers={"above and beyond for a customer": "Rebuilding the delivery-ETA pipeline",
                             "did more with less": "Deleting 60% of our dashboards",
                             "problem nobody else had noticed": "The missing late-night orders",
                             "helped a colleague grow": "Coaching Ravi through his first on-call"},
        star=("Rebuilding the delivery-ETA pipeline", "Deleting 60% of our dashboards",
              "The missing late-night orders"),
        style="rst fields+dlist", group="blind4"),
    Expected("blind4/66-german-prep-english-lps.md", {
        "Migration des Lagerverwaltungssystems": {"ownership", "deliver-results"},
        "Reklamationen beim Großkunden Brandt": {"customer-obsession", "earn-trust"},
        "Rückgrat bei der Datenbankwahl": {"have-backbone"},
        "Fehlerbilder in den Scanner-Logs": {"dive-deep"},
        "Kubernetes-Kenntnisse in der Elternzeit": {"learn-and-be-curious"},
    }, questions=5, answers={"owned a project end to end": "Migration des Lagerverwaltungssystems",
                             "schwierigen Kunden": "Reklamationen beim Großkunden Brandt",
                             "disagreed with your manager": "Rückgrat bei der Datenbankwahl",
                             "selbst auf den Grund gegangen": "Fehlerbilder in den Scanner-Logs"},
        star=("Migration des Lagerverwaltungssystems", "Reklamationen beim Großkunden Brandt",
              "Fehlerbilder in den Scanner-Logs"),
        style="german, english LPs", group="blind4"),
]
