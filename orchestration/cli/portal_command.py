"""`tineng serve` (the submission portal) and `tineng users` (its accounts)."""

from typing import Annotated

import typer
from rich.markup import escape

from orchestration.cli.output import console, errors

users = typer.Typer(
    help="报送系统账号：添加、列出、停用、生成接口令牌。Portal accounts.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def serve(
    host: Annotated[str, typer.Option(help="监听地址。Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口。Port.")] = 8080,
) -> None:
    """启动报送系统（网页）：各单位上传报表、区科经局审核。Start the submission portal."""
    import uvicorn

    from orchestration.portal.app import create_app

    console.print(f"报送系统 Portal: http://{host}:{port}/　按 Ctrl+C 停止。")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning", proxy_headers=False)


def _unit_code(unit: str) -> str:
    from orchestration import reference

    code = reference.resolve_unit(unit)
    if code is None:
        errors.print(f"[red]没有找到单位“{escape(unit)}”，请用单位编码（如 S05）或名称。[/] Unknown unit.")
        raise typer.Exit(2)
    return code


@users.command("add")
def add(
    name: Annotated[str, typer.Argument(help="账号名（如 jyh_clerk 或姓名）。Account name.")],
    role: Annotated[str, typer.Option(help="clerk（填报员）或 reviewer（区科经局审核人）。")] = "clerk",
    unit: Annotated[
        str | None, typer.Option(help="填报员所属单位：编码或名称。The clerk's unit.", show_default=False)
    ] = None,
) -> None:
    """添加账号并显示一次性密码。Add an account; prints its one-time password."""
    from orchestration.portal import accounts

    code = _unit_code(unit) if unit else None
    try:
        with accounts.connect() as connection:
            password = accounts.add(connection, name, role, code)
    except accounts.AccountError as failed:
        errors.print(f"[red]{escape(str(failed))}[/]")
        raise typer.Exit(1) from failed
    console.print(f"已添加 {escape(name)}（{accounts.ROLES[role]}{'，' + code if code else ''}）。")
    console.print(f"一次性密码 Password: [bold]{escape(password)}[/]　请当面或电话告知，系统不再显示。")


@users.command("list")
def list_accounts() -> None:
    """列出账号。List accounts."""
    from orchestration.portal import accounts

    with accounts.connect() as connection:
        found = accounts.all_accounts(connection)
    if not found:
        console.print("还没有账号：用 tineng users add 添加。No accounts yet.")
    for account in found:
        state = f"已停用 {account.disabled_at}" if account.disabled_at else "可用"
        console.print(
            f"{escape(account.name)}\t{accounts.ROLES[account.role]}\t{account.unit_code or '—'}\t{state}"
        )


@users.command("disable")
def disable(name: Annotated[str, typer.Argument(help="账号名。Account name.")]) -> None:
    """停用账号（令牌同时失效）。Disable an account and its token."""
    from orchestration.portal import accounts

    try:
        with accounts.connect() as connection:
            accounts.disable(connection, name)
    except accounts.AccountError as failed:
        errors.print(f"[red]{escape(str(failed))}[/]")
        raise typer.Exit(1) from failed
    console.print(f"已停用 {escape(name)}。")


@users.command("token")
def token(name: Annotated[str, typer.Argument(help="账号名。Account name.")]) -> None:
    """为单位自己的系统生成接口令牌（旧令牌失效）。Print a new API token for the account."""
    from orchestration.portal import accounts

    try:
        with accounts.connect() as connection:
            value = accounts.new_token(connection, name)
    except accounts.AccountError as failed:
        errors.print(f"[red]{escape(str(failed))}[/]")
        raise typer.Exit(1) from failed
    console.print(f"接口令牌 API token: [bold]{escape(value)}[/]")
    console.print(
        "上传：curl -H 'Authorization: Bearer 令牌' -F period=2021-06 -F file=@报表.xlsx http://服务器:8080/api/upload"
    )
