package org.breachnotify.review;

import java.util.List;
import java.util.Map;
import org.breachnotify.campaign.CampaignNotFoundException;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.engine.ProcessEngineAdapter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Review details for the Tasklist form and open reviews for process managers. */
@RestController
public class ReviewController {
    /** At most this many open reviews are listed (the oldest), so memory stays bounded; the report counts them all. */
    static final int LIST_LIMIT = 1000;

    private final ReviewService reviews;
    private final CampaignService campaigns;
    private final ProcessEngineAdapter engine;

    public ReviewController(ReviewService reviews, CampaignService campaigns, ProcessEngineAdapter engine) {
        this.reviews = reviews;
        this.campaigns = campaigns;
        this.engine = engine;
    }

    @GetMapping("/api/reviews/{id}")
    public ResponseEntity<?> review(@PathVariable long id) {
        return reviews.view(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no match review " + id)));
    }

    @GetMapping("/api/campaigns/{id}/reviews")
    public List<MatchReviewView> openReviews(@PathVariable long id) {
        return reviews.openReviewIds(id, LIST_LIMIT).stream().map(reviews::view)
                .flatMap(java.util.Optional::stream).toList();
    }

    /**
     * Open reviews for the process manager's report page: kind, leaked record, number of candidates, age and the
     * Tasklist task, oldest first. No names, birth dates or BSNs (those are for the staff who decide, in Tasklist).
     */
    @GetMapping("/api/campaigns/{id}/reviews/summary")
    public List<OpenReviewSummary> openReviewSummaries(@PathVariable long id) {
        campaigns.get(id);
        List<OpenReviewSummary> open = reviews.openReviewSummaries(id, LIST_LIMIT);
        Map<Long, String> tasks = engine.openReviewTasks(open.stream().map(OpenReviewSummary::reviewId).toList());
        return open.stream().map(r -> r.withTaskId(tasks.get(r.reviewId()))).toList();
    }

    @ExceptionHandler(CampaignNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(CampaignNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
