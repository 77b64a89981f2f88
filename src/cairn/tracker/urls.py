from django.urls import path

from cairn.tracker.views import first_run, issue_links, issue_page, issues, projects, saved_filters, settings

urlpatterns = [
    path("", projects.home, name="home"),
    path("setup/", first_run.setup_page, name="setup"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/<str:key>/", projects.project_overview, name="project"),
    path("projects/<str:key>/settings/", settings.project_settings, name="project-settings"),
    path("projects/<str:key>/issues/", issues.issue_list, name="issues"),
    path("projects/<str:key>/issues/new", issues.issue_create, name="issue-create"),
    path("projects/<str:key>/issues/bulk", issues.bulk_edit, name="issue-bulk"),
    path("projects/<str:key>/filters/", saved_filters.save_filter, name="filter-save"),
    path("projects/<str:key>/filters/<int:filter_id>/delete", saved_filters.delete_filter, name="filter-delete"),
    path("search/", issues.search, name="search"),
    path("my-work/", issues.my_work, name="my-work"),
    path("issues/<str:issue_key>/", issue_page.issue_detail, name="issue"),
    path("issues/<str:issue_key>/fields/<str:name>", issue_page.field, name="issue-field"),
    path("issues/<str:issue_key>/fields/<str:name>/edit", issue_page.field_edit, name="issue-field-edit"),
    path("issues/<str:issue_key>/comments", issue_page.comment_add, name="issue-comment"),
    path("issues/<str:issue_key>/comments/<int:comment_id>", issue_page.comment_edit, name="issue-comment-edit"),
    path("issues/<str:issue_key>/attachments", issue_page.attachment_add, name="issue-attach"),
    path("issues/<str:issue_key>/attachments/<int:attachment_id>", issue_page.attachment_download),
    path("issues/<str:issue_key>/attachments/<int:attachment_id>/delete", issue_page.attachment_delete),
    path("issues/<str:issue_key>/watch", issue_page.watch_toggle, name="issue-watch"),
    path("issues/<str:issue_key>/links", issue_links.link_add, name="issue-link-add"),
    path("issues/<str:issue_key>/links/<int:link_id>/delete", issue_links.link_remove, name="issue-link-remove"),
    path("issues/<str:issue_key>/move", issue_links.issue_move, name="issue-move"),
    path("issues/<str:issue_key>/delete", issue_links.issue_delete, name="issue-delete"),
]
