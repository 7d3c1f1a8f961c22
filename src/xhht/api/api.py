"""The API object: its routers, its token auth and its one error shape."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from xhht.api import awards, campaigns, datavalues, reports, rollup, units
from xhht.api.auth import TokenAuth, user_of
from xhht.api.errors import ERRORS, handlers_install

api = NinjaAPI(
    title="XHHT API",
    version="1",
    description=(
        "Giao diện lập trình của XHHT: đơn vị hành chính, đợt sơ kết/tổng kết, nghĩa vụ, "
        "báo cáo và số liệu, đề nghị khen thưởng, hội nghị và tổng hợp số liệu. Mỗi lời gọi "
        "gửi kèm “Authorization: Bearer <mã>”; mã được tạo ở trang tài khoản của người dùng "
        "và thấy đúng những gì người dùng đó thấy.\n\n"
        "The XHHT API: units, campaigns, obligations, reports and their figures, "
        "nominations, conferences and the roll-up. Every call carries “Authorization: "
        "Bearer <token>”; a token is made on the user's account page and sees what its "
        "user sees."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
handlers_install(api)


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    unit: str | None


@api.get("/me", response={200: MeOut, **ERRORS}, tags=["account"])
def me(request: HttpRequest) -> MeOut:
    """The token's user: who calls, in which role, for which unit (its code)."""
    user = user_of(request)
    return MeOut(
        username=user.get_username(),
        full_name=user.get_full_name(),
        role=user.role,
        unit=user.unit.code if user.unit is not None else None,
    )


api.add_router("/orgunits", units.router)
api.add_router("/campaigns", campaigns.router)
api.add_router("/obligations", campaigns.obligations_router)
api.add_router("/", reports.router)
api.add_router("/", datavalues.router)
api.add_router("/", awards.router)
api.add_router("/", rollup.router)
