//! Lazy streams over paginated list operations.
//!
//! A list operation that pages with a token (`page_token` in, `next_page_token` out) or with a
//! page number (`page` and `page_size` in, `page`, `page_size` and `count` out) also has a
//! `…_pages` method, a stream of whole responses, and a `…_stream` method, a stream of the
//! listed items. Both fetch lazily: the next page is requested only when the consumer polls
//! past the current one, so taking the first few items costs only the requests they need.
//! A stream ends after the last page, or after yielding the first error.
//!
//! The streams are not `Unpin`; pin them before polling:
//!
//! ```ignore
//! use futures_util::TryStreamExt;
//! let mut batches = std::pin::pin!(sms.batches().list_batches_stream(plan, &Default::default()));
//! while let Some(batch) = batches.try_next().await? {
//!     println!("{batch:?}");
//! }
//! ```

use super::Error;
use futures_core::Stream;
use futures_util::{TryStreamExt, stream};
use std::future::Future;

/// Pages of a token-paged operation, starting with the page for `first` (`None`: the first
/// page).
///
/// `fetch` requests the page for a token; `next_token` reads the token of the following page
/// from a response. The stream ends after a page whose next token is absent or empty, or the
/// same token again (which would list the same page forever).
pub fn token_pages<P, E, F, Fut, N>(
    first: Option<String>,
    fetch: F,
    next_token: N,
) -> impl Stream<Item = Result<P, Error<E>>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<P, Error<E>>>,
    N: Fn(&P) -> Option<&str>,
{
    // The state is the token of the next request, or `None` once the listing is done.
    stream::try_unfold(
        (fetch, next_token, Some(first)),
        |(mut fetch, next_token, token)| async move {
            let Some(token) = token else { return Ok(None) };
            let page = fetch(token.clone()).await?;
            let next = next_token(&page)
                .filter(|t| !t.is_empty() && Some(*t) != token.as_deref())
                .map(|t| Some(t.to_owned()));
            Ok(Some((page, (fetch, next_token, next))))
        },
    )
}

/// Where a page-numbered response says it is in the listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The number of this page, when the response gives it.
    pub page: Option<i64>,
    /// The number of items per page, when the response gives it.
    pub page_size: Option<i64>,
    /// The number of items in the whole listing, when the response gives it.
    pub count: Option<i64>,
    /// The number of items on this page.
    pub items: usize,
}

/// Pages of a page-numbered operation (pages counted from 0), starting with page `first`.
///
/// `fetch` requests a page by number; `info` reads a response's [`PageInfo`]. `page_size` is
/// the size requested, used when a response does not give its own. The stream ends after an
/// empty page, or when `(page + 1) * page_size >= count`.
pub fn numbered_pages<P, E, F, Fut, I>(
    first: i64,
    page_size: Option<i64>,
    fetch: F,
    info: I,
) -> impl Stream<Item = Result<P, Error<E>>>
where
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<P, Error<E>>>,
    I: Fn(&P) -> PageInfo,
{
    // The state is the number of the next page, or `None` once the listing is done.
    stream::try_unfold((fetch, info, Some(first)), move |(mut fetch, info, page)| async move {
        let Some(requested) = page else { return Ok(None) };
        let response = fetch(requested).await?;
        let at = info(&response);
        let current = at.page.unwrap_or(requested);
        let size = at.page_size.or(page_size).filter(|s| *s > 0);
        let last = at.items == 0
            || matches!((at.count, size), (Some(count), Some(size)) if current.saturating_add(1).saturating_mul(size) >= count);
        let next = (!last).then(|| current.saturating_add(1));
        Ok(Some((response, (fetch, info, next))))
    })
}

/// The items of every page of `pages`, in order; `items` takes them out of a page. A page is
/// requested only when the items of the one before have all been consumed.
pub fn items<P, T, E, S, X>(pages: S, mut items: X) -> impl Stream<Item = Result<T, Error<E>>>
where
    S: Stream<Item = Result<P, Error<E>>>,
    X: FnMut(P) -> Vec<T>,
{
    pages
        .map_ok(move |page| stream::iter(items(page).into_iter().map(Ok)))
        .try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::cell::RefCell;

    /// Polls a future that never waits (every fetch here is ready at once) to completion.
    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            if let std::task::Poll::Ready(out) = f.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    #[test]
    fn token_pages_follow_the_token_and_stop_when_it_is_empty() {
        let asked = RefCell::new(Vec::new());
        let pages = token_pages(
            None,
            |token: Option<String>| {
                asked.borrow_mut().push(token.clone());
                let (items, next) = match token.as_deref() {
                    None => (vec![1, 2], "b"),
                    Some("b") => (vec![3], "c"),
                    _ => (vec![4], ""),
                };
                async move { Ok::<_, Error>((items, next.to_string())) }
            },
            |(_, next): &(Vec<i32>, String)| Some(next.as_str()),
        );
        let all: Vec<i32> = block_on(items(pages, |(v, _)| v).map(Result::unwrap).collect());
        assert_eq!(all, [1, 2, 3, 4]);
        assert_eq!(*asked.borrow(), [None, Some("b".into()), Some("c".into())]);
    }

    #[test]
    fn numbered_pages_stop_at_the_count_or_an_empty_page() {
        let asked = RefCell::new(Vec::new());
        let fetch = |page: i64| {
            asked.borrow_mut().push(page);
            async move { Ok::<_, Error>(if page < 2 { vec![page; 2] } else { vec![page] }) }
        };
        let counted = numbered_pages(0, Some(2), fetch, |v: &Vec<i64>| PageInfo {
            count: Some(5),
            items: v.len(),
            ..PageInfo::default()
        });
        let all: Vec<i64> = block_on(items(counted, |v| v).map(Result::unwrap).collect());
        assert_eq!(all, [0, 0, 1, 1, 2]);
        assert_eq!(*asked.borrow(), [0, 1, 2]);

        asked.borrow_mut().clear();
        let uncounted = numbered_pages(1, None, fetch, |v: &Vec<i64>| PageInfo {
            items: if v.len() == 1 { 0 } else { v.len() },
            ..PageInfo::default()
        });
        let n = block_on(uncounted.count());
        assert_eq!((n, asked.borrow().clone()), (2, vec![1, 2]));
    }

    #[test]
    fn pages_are_fetched_lazily() {
        let asked = RefCell::new(0);
        let pages = token_pages(
            None,
            |_| {
                *asked.borrow_mut() += 1;
                async { Ok::<_, Error>(vec![1, 2]) }
            },
            |_: &Vec<i32>| Some("again"),
        );
        let first: Vec<i32> = block_on(items(pages, |v| v).take(3).map(Result::unwrap).collect());
        assert_eq!(first, [1, 2, 1]);
        assert_eq!(*asked.borrow(), 2);
    }
}
