"""Links that open a course notebook as a Voilà app on a JupyterHub or a BinderHub.

Used by ``kfcourse class-links`` and by the book's launch buttons
(``kfcourse.sphinx.launch_buttons``), so both give the same links. Query values are encoded as
the nbgitpuller link generator does (``URLSearchParams``: a space is ``+``; letters, digits and
``*-._`` stay as they are).
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlsplit


def _encode(value: str) -> str:
    return quote_plus(value, safe="*").replace("~", "%7E")


def _query(params: dict[str, str]) -> str:
    return "&".join(f"{key}={_encode(value)}" for key, value in params.items() if value)


def repo_name(repo_url: str) -> str:
    """The folder a clone of ``repo_url`` lands in (its last path part, without ``.git``)."""
    return urlsplit(repo_url).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")


def hub_link(hub: str, repo_url: str, notebook: str, branch: str = "main") -> str:
    """An nbgitpuller link that opens ``notebook`` (a path in the repository) in Voilà."""
    urlpath = f"voila/render/{repo_name(repo_url)}/{notebook}"
    query = _query({"repo": repo_url, "urlpath": urlpath, "branch": branch})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def binder_link(binderhub: str, repo_url: str, notebook: str, branch: str = "main") -> str:
    """A BinderHub link (GitHub repositories) that opens ``notebook`` in Voilà."""
    parts = urlsplit(repo_url)
    if parts.hostname != "github.com":
        spec = f"git/{quote_plus(repo_url, safe='')}/{branch}"
    else:
        spec = f"gh/{parts.path.strip('/').removesuffix('.git')}/{branch}"
    return f"{binderhub.rstrip('/')}/v2/{spec}?{_query({'urlpath': f'voila/render/{notebook}'})}"
