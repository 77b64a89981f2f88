"""The objectives and key results page: objectives by period with their progress and its
arithmetic; managers define them and link work, members report current values in place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.engine.product.okrs import number
from cairn.errors import DomainError, NotFound
from cairn.markup import render as markdown
from cairn.product.models import Feature, KeyResult, Objective, Product
from cairn.product.services import strategy
from cairn.product.views.shared import form_errors, product_page
from cairn.workspaces import policy
from cairn.workspaces.models import Role

OBJECTIVE_FORM = ("title", "description", "period", "starts_on", "ends_on", "owner", "color")
# The page opens on the current and the last period; older ones are a link away.
RECENT_PERIODS = 2
KEY_RESULT_FORM = ("title", "unit", "start_value", "target_value", "current_value")


@dataclass(frozen=True)
class Card:
    """An objective as its card shows it: the figures, and values written as people do."""

    figures: strategy.ObjectiveProgress
    description: str
    # Each key result with its start, target and current value as text.
    rows: list[tuple[strategy.KeyResultProgress, str, str, str]]

    @property
    def objective(self) -> Objective:
        return self.figures.objective


@dataclass(frozen=True)
class Period:
    label: str
    cards: list[Card]


@login_required
def okrs(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "okrs")
    product, errors, anchor = context["product"], {}, ""
    if request.method == "POST":
        try:
            anchor = _act(request, product)
            messages.success(request, "Saved.")
            return redirect(f"/products/{product.pk}/okrs/{anchor}")
        except DomainError as failure:
            errors = form_errors(failure)
    labels = strategy.periods(product)
    chosen = request.GET.get("period", "")
    shown = [chosen] if chosen in labels else labels[:RECENT_PERIODS]
    objectives = list(strategy.objectives_of(request.user, product).filter(period__in=shown))
    cards = _cards(request, objectives)
    periods = [Period(label, [c for c in cards if c.objective.period == label]) for label in shown]
    return render(request, "product/okrs.html", {
        **context, **_choices(product), "periods": periods, "labels": labels, "chosen": chosen if chosen in labels else "",
        "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


@login_required
def key_result_value(request: HttpRequest, product_id: int, key_result_id: int) -> HttpResponse:
    """A member's new current value, in place: answers the objective's card again."""
    context = product_page(request, product_id, "okrs")
    key_result = (KeyResult.objects.filter(pk=key_result_id, objective__product=context["product"])
                  .select_related("objective__product").first())
    if key_result is None:
        raise NotFound(f"No key result {key_result_id} in this product")
    if request.method == "POST":
        strategy.update_key_result(actor=request.user, key_result=key_result,  # type: ignore[arg-type]
                                   fields={"current_value": request.POST.get("current_value", "")})
    objective = strategy.objective_for(request.user, context["product"], key_result.objective_id)
    card = _cards(request, [objective])[0]
    return render(request, "product/okr_objective.html", {**context, **_choices(context["product"]), "card": card})


def _choices(product: Product) -> dict[str, Any]:
    return {"people": policy.workspace_people(product.workspace, Role.MEMBER),
            "features": list(Feature.objects.filter(product=product).order_by("title")
                             .only("id", "title", "objective_id"))}


def _cards(request: HttpRequest, objectives: list[Objective]) -> list[Card]:
    figures = strategy.progress_of(request.user, objectives, timezone.now().date())
    return [Card(figures[o.pk], markdown(o.description), [
        (r, number(float(r.key_result.start_value)), number(float(r.key_result.target_value)),
         _plain(r.key_result.current_value))
        for r in figures[o.pk].key_results]) for o in objectives]


def _plain(value: Any) -> str:
    # An input's value: no thousands separators, which the parser would refuse.
    return number(float(value)).replace(",", "").replace("−", "-")


def _act(request: HttpRequest, product: Product) -> str:
    """Does what the form asked; answers the anchor to return to."""
    post, actor = request.POST, request.user
    action = post.get("action", "")
    if action == "objective":
        made = strategy.create_objective(actor=actor, product=product,  # type: ignore[arg-type]
                                         **{name: post.get(name, "") for name in OBJECTIVE_FORM})
        return f"#objective-{made.pk}"
    objective = strategy.objective_for(actor, product, post.get("objective", ""))
    if action == "edit-objective":
        strategy.update_objective(actor=actor, objective=objective,  # type: ignore[arg-type]
                                  fields={name: post[name] for name in OBJECTIVE_FORM if name in post})
    elif action == "delete-objective":
        strategy.delete_objective(actor=actor, objective=objective)  # type: ignore[arg-type]
        return ""
    elif action == "key-result":
        strategy.create_key_result(actor=actor, objective=objective,  # type: ignore[arg-type]
                                   **{name: post.get(name, "") for name in KEY_RESULT_FORM})
    elif action == "delete-key-result":
        key_result = strategy.key_result_for(actor, objective, post.get("key_result", ""))
        strategy.delete_key_result(actor=actor, key_result=key_result)  # type: ignore[arg-type]
    elif action == "link-issue":
        strategy.link_issue(actor=actor, objective=objective, key=post.get("issue", ""))  # type: ignore[arg-type]
    elif action == "unlink-issue":
        strategy.unlink_issue(actor=actor, objective=objective, key=post.get("issue", ""))  # type: ignore[arg-type]
    elif action == "link-feature":
        strategy.link_feature(actor=actor, objective=objective,  # type: ignore[arg-type]
                              feature_id=post.get("feature", ""), now=timezone.now())
    elif action == "unlink-feature":
        strategy.unlink_feature(actor=actor, objective=objective,  # type: ignore[arg-type]
                                feature_id=post.get("feature", ""), now=timezone.now())
    return f"#objective-{objective.pk}"
