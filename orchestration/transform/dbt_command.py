"""`tineng-dbt`: the dbt command line, bound to the refresh that started it.

dagster-dbt runs dbt as a child process. A refresh killed outright (SIGKILL, the OOM killer) would
leave that dbt running on its own, still writing the build database and holding its lock, so the
next refresh could not open it. On Linux this asks the kernel to kill dbt when its parent dies.
"""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
PARENT_PID = "TINENG_DBT_PARENT_PID"


def main() -> None:
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        # the parent may have died before the request was made: then nobody will send the signal
        if os.environ.get(PARENT_PID, str(os.getppid())) != str(os.getppid()):
            sys.exit("tineng-dbt: 启动它的刷新已退出 the refresh that started dbt has exited")
    from dbt.cli.main import cli

    cli()


if __name__ == "__main__":
    main()
