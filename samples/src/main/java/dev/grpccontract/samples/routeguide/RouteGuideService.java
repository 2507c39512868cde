package dev.grpccontract.samples.routeguide;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The route guide over a fixed list of places. */
public class RouteGuideService extends RouteGuideGrpc.RouteGuideImplBase {

  private final List<Feature> features;
  private final Map<Point, List<RouteNote>> notes = new ConcurrentHashMap<>();

  /** Serves the {@link #sampleFeatures()}. */
  public RouteGuideService() {
    this(sampleFeatures());
  }

  /** Serves the given places. */
  public RouteGuideService(List<Feature> features) {
    this.features = List.copyOf(features);
  }

  /** Three places in a row, west to east. */
  public static List<Feature> sampleFeatures() {
    return List.of(
        feature("Old Mill", 407838351, -746143763),
        feature("Lighthouse", 408122808, -743999179),
        feature("Clock Tower", 413628156, -749015468));
  }

  private static Feature feature(String name, int latitude, int longitude) {
    return Feature.newBuilder()
        .setName(name)
        .setLocation(Point.newBuilder().setLatitude(latitude).setLongitude(longitude))
        .build();
  }

  @Override
  public void getFeature(Point point, StreamObserver<Feature> responses) {
    for (Feature feature : features) {
      if (feature.getLocation().equals(point)) {
        responses.onNext(feature);
        responses.onCompleted();
        return;
      }
    }
    responses.onError(
        Status.NOT_FOUND
            .withDescription("no feature at " + point.getLatitude() + "," + point.getLongitude())
            .asRuntimeException());
  }

  @Override
  public void listFeatures(Rectangle rectangle, StreamObserver<Feature> responses) {
    if (!rectangle.hasLo() || !rectangle.hasHi()) {
      responses.onError(
          Status.INVALID_ARGUMENT
              .withDescription("a rectangle needs lo and hi")
              .asRuntimeException());
      return;
    }
    int west = Math.min(rectangle.getLo().getLongitude(), rectangle.getHi().getLongitude());
    int east = Math.max(rectangle.getLo().getLongitude(), rectangle.getHi().getLongitude());
    int south = Math.min(rectangle.getLo().getLatitude(), rectangle.getHi().getLatitude());
    int north = Math.max(rectangle.getLo().getLatitude(), rectangle.getHi().getLatitude());
    List<Feature> inside = new ArrayList<>();
    for (Feature feature : features) {
      Point p = feature.getLocation();
      if (p.getLongitude() >= west
          && p.getLongitude() <= east
          && p.getLatitude() >= south
          && p.getLatitude() <= north) {
        inside.add(feature);
      }
    }
    inside.sort(Comparator.comparingInt(f -> f.getLocation().getLongitude()));
    inside.forEach(responses::onNext);
    responses.onCompleted();
  }

  @Override
  public StreamObserver<Point> recordRoute(StreamObserver<RouteSummary> responses) {
    return new StreamObserver<>() {
      private int points;
      private int found;

      @Override
      public void onNext(Point point) {
        points++;
        for (Feature feature : features) {
          if (feature.getLocation().equals(point)) {
            found++;
          }
        }
      }

      @Override
      public void onError(Throwable t) {
        // The client gave up; nothing to summarise.
      }

      @Override
      public void onCompleted() {
        responses.onNext(
            RouteSummary.newBuilder().setPointCount(points).setFeatureCount(found).build());
        responses.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<RouteNote> routeChat(StreamObserver<RouteNote> responses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(RouteNote note) {
        List<RouteNote> here = notes.computeIfAbsent(note.getLocation(), p -> new ArrayList<>());
        synchronized (here) {
          here.forEach(responses::onNext);
          here.add(note);
        }
      }

      @Override
      public void onError(Throwable t) {
        // The client gave up.
      }

      @Override
      public void onCompleted() {
        responses.onCompleted();
      }
    };
  }
}
