//! The built-ins that embed posts through a provider's oEmbed API or script: `x`, the
//! removed `tweet`/`twitter`/`twitter_simple`, `instagram` and the removed `gist`. A preview
//! fetches nothing, so each renders a static card that links to the post; the markup follows
//! what the providers' oEmbed HTML looks like, so theme styles still apply.

use super::{escape, get_string, is_called, position};
use crate::shortcode::call::{go_string, Call, Env, Report};
use crate::shortcode::tree::Params;

const TWITTER_REMOVED: &str = "The \"twitter\", \"tweet\", and \"twitter_simple\" shortcodes were deprecated in v0.142.0 and removed in v0.156.0. Please use the \"x\" shortcode instead.";

const GIST_REMOVED: &str =
    "The \"gist\" shortcode was deprecated in v0.143.0 and removed in v0.156.0.";

/// `<blockquote class="twitter-tweet"><p>View this post on X</p>&mdash; @USER <a
/// href="https://x.com/USER/status/ID">https://x.com/USER/status/ID</a></blockquote>`.
fn post_card(user: &str, id: &str) -> String {
    let url = format!(
        "https://x.com/{}/status/{}",
        escape::path_segment(user),
        escape::path_segment(id)
    );
    format!(
        "<blockquote class=\"twitter-tweet\"><p>View this post on X</p>&mdash; @{} <a href=\"{}\">{}</a></blockquote>",
        escape::text(user),
        escape::url(&url),
        escape::text(&url)
    )
}

fn requires_user_and_id(call: &Call, env: &Env, report: &mut Report) {
    report.error(format!(
        "The \"{}\" shortcode requires two named parameters: user and id. See {}",
        call.name,
        position(call, env)
    ));
}

/// `x` and `x_simple` (HEAD): named `user` and `id` are required.
pub fn x(call: &Call, env: &Env, report: &mut Report) -> String {
    if env.site.privacy.x.disable {
        return String::new();
    }
    match (
        get_string(call, "user", None),
        get_string(call, "id", None),
        call.is_named_params(),
    ) {
        (Some(user), Some(id), true) => post_card(&user, &id),
        _ => {
            requires_user_and_id(call, env, report);
            String::new()
        }
    }
}

/// `tweet`, `twitter`, `twitter_simple`: removed from Hugo in v0.156.0, so the build stops
/// with Hugo's one message whatever the parameters (Hugo 0.168). The preview shows the card
/// inside the error box when v0.111.3's forms give a user and an id: named `user` and `id`,
/// positional `USER ID`, or a lone positional `ID` (user `x`, as Hugo 0.111 did).
pub fn tweet(call: &Call, env: &Env, report: &mut Report) -> String {
    report.removed(TWITTER_REMOVED);
    if env.site.privacy.x.disable {
        return String::new();
    }
    let (user, id) = match call.params {
        Params::Named(_) => (get_string(call, "user", None), get_string(call, "id", None)),
        Params::Positional(values) if values.len() == 2 => (
            Some(go_string(&values[0])).filter(|s| !s.is_empty()),
            Some(go_string(&values[1])).filter(|s| !s.is_empty()),
        ),
        Params::Positional(values) if values.len() == 1 => (
            Some("x".to_owned()),
            Some(go_string(&values[0])).filter(|s| !s.is_empty()),
        ),
        Params::Positional(_) => (None, None),
    };
    match (user, id) {
        (Some(user), Some(id)) => post_card(&user, &id),
        _ => String::new(),
    }
}

/// `instagram` (and the removed `instagram_simple`): one positional parameter, the post id.
/// Hugo's static blockquote loads Instagram's script; the preview keeps a link instead.
/// `instagram_simple` stops the build since Hugo 0.123 (message checked with Hugo 0.168);
/// the preview shows the card inside the error box.
pub fn instagram(call: &Call, env: &Env, report: &mut Report) -> String {
    if is_called(call, "instagram_simple") {
        report.removed(format!(
            "The \"instagram_simple\" shortcode was removed in v0.123.0. Use the \"instagram\" shortcode instead. See {}",
            position(call, env)
        ));
    }
    if env.site.privacy.instagram.disable {
        return String::new();
    }
    let Some(id) = get_string(call, "", Some(0)) else {
        report.error(format!(
            "The \"{}\" shortcode requires a single positional parameter, the ID of the Instagram post. See {}",
            call.name,
            position(call, env)
        ));
        return String::new();
    };
    let url = format!("https://www.instagram.com/p/{}", escape::path_segment(&id));
    format!(
        "<blockquote class=\"instagram-media\"><a href=\"{}\">View this post on Instagram</a></blockquote>",
        escape::url(&url)
    )
}

/// `gist USER ID [FILE]`: removed from Hugo in v0.156.0 (it loaded a script from GitHub),
/// so the build stops with Hugo's message. The preview shows a link to the gist inside the
/// error box when the user and the id are given.
pub fn gist(call: &Call, _env: &Env, report: &mut Report) -> String {
    report.removed(GIST_REMOVED);
    let (Some(user), Some(id)) = (get_string(call, "", Some(0)), get_string(call, "", Some(1)))
    else {
        return String::new();
    };
    let url = format!(
        "https://gist.github.com/{}/{}",
        escape::path_segment(&user),
        escape::path_segment(&id)
    );
    let label = match get_string(call, "", Some(2)) {
        Some(file) => format!("{file} in gist {user}/{id}"),
        None => format!("gist {user}/{id}"),
    };
    format!(
        "<div class=\"gist\"><a href=\"{}\">View {}</a></div>",
        escape::url(&url),
        escape::text(&label)
    )
}
