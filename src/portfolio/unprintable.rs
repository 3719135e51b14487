//! The export's warnings for words the PDF cannot print: characters that no font on this computer
//! has are left out of the page (never drawn as empty boxes), and the coordinator is told which
//! exhibit holds them, in which script, and what to install.
//!
//! Not for: finding fonts or drawing text (see `pdf`).

use crate::i18n::Lang;
use crate::pdf;

use crate::evidence::Exhibit;

/// One warning per exhibit whose words hold unprintable characters, then one for any others in the
/// document (`in_layout`: what the laid-out pages could not draw, exhibits included).
pub(crate) fn warnings(lang: Lang, exhibits: &[Exhibit], in_layout: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    if in_layout.is_empty() {
        return out;
    }
    let mut named: Vec<char> = Vec::new();
    for x in exhibits {
        let text = [x.title.as_str(), &x.caption, &x.quote, &x.attribution].join("\n");
        let chars = pdf::unprintable(&text);
        if chars.is_empty() {
            continue;
        }
        let (scripts, packages) = pdf::scripts_of(&chars);
        out.push(lang.f(
            "warning.unprintable_exhibit",
            &[
                ("exhibit", &x.label()),
                ("title", &x.title),
                ("scripts", &scripts.join(", ")),
                ("packages", &packages.join(" ")),
            ],
        ));
        named.extend(chars);
    }
    let rest: Vec<char> = in_layout.iter().copied().filter(|c| !named.contains(c)).collect();
    if !rest.is_empty() {
        let (scripts, packages) = pdf::scripts_of(&rest);
        out.push(lang.f(
            "warning.unprintable",
            &[("scripts", &scripts.join(", ")), ("packages", &packages.join(" "))],
        ));
    }
    out
}
