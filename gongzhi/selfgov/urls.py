from .urls_decisions import urlpatterns as decision_patterns
from .urls_proposals import urlpatterns as proposal_patterns

app_name = "selfgov"

urlpatterns = [*decision_patterns, *proposal_patterns]
