"""Check, before `make notebooks` touches any file, that kaleido can export PNGs.

kaleido 1.x draws plotly figures with a Chrome-family browser, found by choreographer (its
browser driver): the path in ``BROWSER_PATH`` if set, else a Chrome/Chromium/Edge/Brave on
``PATH`` or in the usual install folders, else a Chrome for Testing downloaded by
``kaleido_get_chrome`` (the same as ``plotly_get_chrome``). This script asks choreographer
the same question kaleido will ask, and stops with the one command that fixes it when the
answer is "none": ``apt-get install chromium`` where apt-get exists (Debian, Ubuntu),
``.venv/bin/kaleido_get_chrome`` elsewhere.

Exit status 0 and a one-line note when a browser is found, 1 and the fix when not.
"""

import os
import shutil
import sys


def find_browser():
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def _runs(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def fix_command():
    if shutil.which("apt-get"):
        sudo = "" if os.geteuid() == 0 else "sudo "
        return f"{sudo}apt-get install chromium"
    return f"{os.path.dirname(sys.executable)}/kaleido_get_chrome"


def main():
    override = os.environ.get("BROWSER_PATH")
    if override and not _runs(override):
        print(
            f"make notebooks: BROWSER_PATH={override!r} is not an executable file. "
            f"Unset BROWSER_PATH or point it at Chrome or Chromium. No notebook was touched.",
            file=sys.stderr,
        )
        return 1
    path = find_browser()
    if not _runs(path):
        print(
            "make notebooks: kaleido needs Chrome or Chromium to store each plotly figure "
            "as a PNG, and there is none. No notebook was touched. Install one with:\n"
            f"    {fix_command()}",
            file=sys.stderr,
        )
        return 1
    print(f"make notebooks: kaleido will draw PNGs with {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
