"""The product manager's records, one module per part of the work. Everything hangs off
a product in a workspace; features and releases point at the tracker's issues that
deliver them, and never write them."""

from cairn.product.models.backlog import Feature, Lane, MoSCoW, Scores
from cairn.product.models.feedback import (
    Customer,
    Feedback,
    FeedbackSource,
    Idea,
    IdeaComment,
    IdeaStatus,
    Vote,
)
from cairn.product.models.market import Competitor, MatrixCell, MatrixRow, Support
from cairn.product.models.metrics import DataPoint, Direction, Metric
from cairn.product.models.products import Product
from cairn.product.models.releases import (
    LaunchCategory,
    LaunchChecklist,
    LaunchTask,
    LaunchTemplate,
    Release,
    ReleaseStatus,
)
from cairn.product.models.research import Insight, ResearchKind, ResearchNote
from cairn.product.models.roadmap import RoadmapLink
from cairn.product.models.strategy import KeyResult, Objective

__all__ = [
    "Competitor", "Customer", "DataPoint", "Direction", "Feature", "Feedback", "FeedbackSource", "Idea",
    "IdeaComment", "IdeaStatus", "Insight", "KeyResult", "Lane", "LaunchCategory", "LaunchChecklist", "LaunchTask",
    "LaunchTemplate", "MatrixCell", "MatrixRow", "Metric", "MoSCoW", "Objective", "Product", "Release",
    "ReleaseStatus", "ResearchKind", "ResearchNote", "RoadmapLink", "Scores", "Support", "Vote",
]
