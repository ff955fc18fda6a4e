//! `pith._pith`: the native part of the Python package. Pages are taken
//! from Python objects while the GIL is held, extracted with it released
//! (one page, or many in parallel on a rayon pool), and each result is
//! turned into the dict the CLI's JSON Lines record holds for that page
//! ([`pith::output::extraction_fields`]). The keyword defaults and the
//! docstrings live in `pith/__init__.py`.

use std::borrow::Cow;
use std::time::Duration;

use pith::batch;
use pith::output::extraction_fields;
use pith::{Article, Options};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

create_exception!(
    pith,
    ExtractError,
    PyValueError,
    "A page that cannot be extracted: not HTML (an image, a PDF, random bytes), over max_bytes, \
     over timeout_ms, corrupt gzip, an unsupported compression. The message says which."
);

/// A UTF-8 byte-order mark: put before the bytes of a `str`, it makes the
/// decoder read them as UTF-8 whatever charset the markup declares.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// A page's bytes as extraction takes them: `bytes` are borrowed (they are
/// immutable), a `str` is encoded to UTF-8 behind a byte-order mark.
fn page_bytes<'py>(page: &'py Bound<'py, PyAny>) -> PyResult<Cow<'py, [u8]>> {
    if let Ok(bytes) = page.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(text) = page.cast::<PyString>() {
        // Lone surrogates (from JSON) become U+FFFD, as in the CLI's JSON Lines input.
        let text = text.to_string_lossy();
        let mut bytes = Vec::with_capacity(UTF8_BOM.len() + text.len());
        bytes.extend_from_slice(UTF8_BOM);
        bytes.extend_from_slice(text.as_bytes());
        return Ok(Cow::Owned(bytes));
    }
    Err(PyTypeError::new_err(format!(
        "a page is bytes or str, not {}",
        page.get_type().name()?
    )))
}

/// The library's options from the Python keywords.
fn options(
    favor: &str,
    metadata: bool,
    timeout_ms: Option<u64>,
    max_bytes: usize,
) -> PyResult<Options> {
    Ok(Options {
        favor: favor.parse().map_err(PyValueError::new_err)?,
        max_bytes,
        timeout: timeout_ms.filter(|&ms| ms > 0).map(Duration::from_millis),
        metadata,
        ..Options::default()
    })
}

/// The dict of one page's result: the record fields, with `url` first
/// when one was given.
fn record<'py>(
    py: Python<'py>,
    extracted: Result<&Article, &str>,
    url: Option<&str>,
    include_title: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let fields = extraction_fields(extracted, include_title);
    let record = pythonize::pythonize(py, &fields)?;
    if let Some(url) = url {
        // Inserted first, as the CLI's records have it before the title.
        let dict = pyo3::types::PyDict::new(py);
        dict.set_item("url", url)?;
        dict.update(record.cast()?)?;
        return Ok(dict.into_any());
    }
    Ok(record)
}

/// Extracts one page; see `pith.extract`.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // the Python keywords, one each
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<&str>,
    charset: Option<&str>,
    favor: &str,
    include_title: bool,
    metadata: bool,
    timeout_ms: Option<u64>,
    max_bytes: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(favor, metadata, timeout_ms, max_bytes)?;
    let bytes = page_bytes(html)?;
    let extracted = py.detach(|| batch::extract_isolated(&*bytes, charset, url, &options));
    match extracted {
        Ok(article) => record(py, Ok(&article), url, include_title),
        Err(err) => Err(ExtractError::new_err(err.to_string())),
    }
}

/// Extracts many pages in parallel, in input order, a failed page as an
/// error row; see `pith.extract_many`.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // the Python keywords, one each
fn extract_many<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    charsets: Option<Vec<Option<String>>>,
    threads: Option<usize>,
    favor: &str,
    include_title: bool,
    metadata: bool,
    timeout_ms: Option<u64>,
    max_bytes: usize,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let options = options(favor, metadata, timeout_ms, max_bytes)?;
    let objects: Vec<Bound<'py, PyAny>> = pages.try_iter()?.collect::<PyResult<_>>()?;
    let charsets = match charsets {
        Some(charsets) if charsets.len() != objects.len() => {
            return Err(PyValueError::new_err(format!(
                "{} charsets for {} pages: give one per page (None where unknown)",
                charsets.len(),
                objects.len()
            )));
        }
        Some(charsets) => charsets,
        None => vec![None; objects.len()],
    };
    let bytes: Vec<Cow<[u8]>> = objects.iter().map(page_bytes).collect::<PyResult<_>>()?;
    let pages: Vec<(Cow<[u8]>, Option<String>)> = bytes.into_iter().zip(charsets).collect();
    let results = py.detach(|| {
        batch::map_all(&pages, threads.unwrap_or_default(), |(page, charset)| {
            batch::extract_isolated(&**page, charset.as_deref(), None, &options)
                .map_err(|err| err.to_string())
        })
    });
    let results =
        results.map_err(|err| PyValueError::new_err(format!("starting worker threads: {err}")))?;
    results
        .iter()
        .map(|result| {
            record(
                py,
                result.as_ref().map_err(String::as_str),
                None,
                include_title,
            )
        })
        .collect()
}

#[pymodule]
fn _pith(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(extract, module)?)?;
    module.add_function(wrap_pyfunction!(extract_many, module)?)?;
    module.add("ExtractError", module.py().get_type::<ExtractError>())?;
    module.add("DEFAULT_MAX_BYTES", pith::DEFAULT_MAX_BYTES)?;
    module.add(
        "DEFAULT_TIMEOUT_MS",
        pith::DEFAULT_TIMEOUT.as_millis() as u64,
    )?;
    Ok(())
}
