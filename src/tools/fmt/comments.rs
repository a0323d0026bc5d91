//! Comments, which the grammar skips, laid out where the author put them:
//! one on a line of its own before the token that follows it, one after a
//! token after it on its line, blank lines before them kept.

use super::doc::{Doc, cat, text};
use super::layout::Layout;
use super::tokens::{Comment, Part, first_token, last_token};

impl Layout<'_> {
    /// A token with the comments before it on their own lines, and those
    /// after it on its line.
    pub(super) fn tok(&self, t: usize) -> Doc {
        cat(vec![self.leading(t), self.bare(t)])
    }

    /// The comments that come before token `t` on lines of their own (or
    /// after another such comment), each where it was.
    pub(super) fn leading(&self, t: usize) -> Doc {
        let Some(token) = self.token(t) else {
            return cat(Vec::new());
        };
        if self.hoisted.borrow().0.contains(&t) {
            return cat(Vec::new());
        }
        let skip = if t == 0 {
            0
        } else {
            trailing_count(&token.before)
        };
        let own: Vec<&Comment> = token.before.iter().skip(skip).collect();
        if own.is_empty() {
            return cat(Vec::new());
        }
        let mut docs = self.own_line_comments(own.iter().copied(), 0);
        let last_is_line = own.last().is_some_and(|c| c.line);
        docs.push(match token.newlines {
            0 if !last_is_line => Doc::Space,
            0 | 1 => Doc::Hard(1),
            _ => Doc::Hard(2),
        });
        cat(docs)
    }

    /// Comments each on its own line (or after the one before on its line),
    /// blank lines before them kept.
    pub(super) fn own_line_comments<'c>(
        &self,
        comments: impl Iterator<Item = &'c Comment>,
        first_min: u32,
    ) -> Vec<Doc> {
        let mut docs = Vec::new();
        let mut after_line = false;
        for (i, comment) in comments.enumerate() {
            let newlines = if i == 0 {
                comment.newlines.max(first_min)
            } else {
                comment.newlines
            };
            docs.push(match newlines {
                0 if i == 0 || !after_line => {
                    if i == 0 {
                        Doc::Hard(1)
                    } else {
                        Doc::Space
                    }
                }
                0 | 1 => Doc::Hard(1),
                _ => Doc::Hard(2),
            });
            docs.push(self.comment(comment));
            after_line = comment.line;
        }
        docs
    }

    pub(super) fn comment(&self, comment: &Comment) -> Doc {
        let raw = self
            .text
            .get(comment.span.start as usize..comment.span.end as usize)
            .unwrap_or("");
        Doc::Raw(raw.trim_end().to_string())
    }

    /// The token's text and the comments after it on its line.
    pub(super) fn bare(&self, t: usize) -> Doc {
        cat(vec![text(self.token_text(t)), self.trailing(t)])
    }

    /// The comments after token `t` on its line.
    pub(super) fn trailing(&self, t: usize) -> Doc {
        if self.hoisted.borrow().1.contains(&t) {
            return cat(Vec::new());
        }
        let after: &[Comment] = match self.token(t + 1) {
            Some(next) => &next.before,
            None => self.trailing,
        };
        let count = trailing_count(after);
        let mut docs = Vec::new();
        for comment in after.iter().take(count) {
            docs.push(Doc::Space);
            docs.push(self.comment(comment));
            if comment.line {
                docs.push(Doc::Hard(1));
            }
        }
        cat(docs)
    }

    /// Whether the author left a blank line before this part.
    pub(super) fn blank_before(&self, part: Part) -> bool {
        let Some(t) = first_token(part, self.rules) else {
            return false;
        };
        let Some(token) = self.token(t) else {
            return false;
        };
        let skip = if t == 0 {
            0
        } else {
            trailing_count(&token.before)
        };
        match token.before.get(skip) {
            Some(comment) => comment.newlines >= 2,
            None => token.newlines >= 2,
        }
    }

    pub(super) fn leading_of(&self, part: Part) -> Doc {
        let Some(first) = first_token(part, self.rules) else {
            return cat(Vec::new());
        };
        let doc = self.leading(first);
        self.hoisted.borrow_mut().0.insert(first);
        doc
    }

    pub(super) fn trailing_of(&self, part: Part) -> Doc {
        let Some(last) = last_token(part, self.rules) else {
            return cat(Vec::new());
        };
        let doc = self.trailing(last);
        self.hoisted.borrow_mut().1.insert(last);
        doc
    }
}

/// How many of `comments` (those before a token) trail the token before
/// them: the ones on its line.
fn trailing_count(comments: &[Comment]) -> usize {
    let mut count = 0;
    for comment in comments {
        if comment.newlines > 0 {
            break;
        }
        count += 1;
        if comment.line {
            break;
        }
    }
    count
}
