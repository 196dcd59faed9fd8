package org.breachnotify.review;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Review details for the Tasklist form and open reviews for process managers. */
@RestController
public class ReviewController {
    private final ReviewService reviews;

    public ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/api/reviews/{id}")
    public ResponseEntity<?> review(@PathVariable long id) {
        return reviews.view(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no match review " + id)));
    }

    @GetMapping("/api/campaigns/{id}/reviews")
    public List<MatchReviewView> openReviews(@PathVariable long id) {
        return reviews.openReviewIds(id).stream().limit(1000).map(reviews::view).flatMap(java.util.Optional::stream)
                .toList();
    }
}
