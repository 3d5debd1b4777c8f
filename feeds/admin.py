from django.contrib import admin

from .models import COUNTS_FOR, ReaderCount, SubscribedFeed


class ReaderCountInline(admin.TabularInline):
    model = ReaderCount
    fields = ("reader", "reader_feed_id", "subscribers", "reported_at", "user_agent")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SubscribedFeed)
class SubscribedFeedAdmin(admin.ModelAdmin):
    """Subscribers per feed URL, as the feed readers that fetch it announce them."""

    list_display = ("path", "subscribers", "readers", "last_report")
    search_fields = ("path",)
    readonly_fields = ("path",)
    inlines = (ReaderCountInline,)

    def get_queryset(self, request):
        # Annotated before ordering: the default orders by the totals.
        return SubscribedFeed.objects.with_totals().order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return ["-subscriber_total", "path"]

    def has_add_permission(self, request):
        return False

    @admin.display(
        description=f"subscribers (readers seen in {COUNTS_FOR.days} days)",
        ordering="subscriber_total",
    )
    def subscribers(self, feed):
        return feed.subscriber_total

    @admin.display(ordering="reader_total")
    def readers(self, feed):
        return feed.reader_total

    @admin.display(ordering="last_report")
    def last_report(self, feed):
        return feed.last_report
