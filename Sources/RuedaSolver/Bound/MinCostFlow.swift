/// Maximum-profit flow on a small integer network: primal–dual successive shortest paths (Dijkstra with
/// potentials), pushing a blocking flow over the zero-reduced-cost arcs after each Dijkstra.
///
/// Arcs come in pairs (`arc ^ 1` is the reverse). Costs are what a unit of flow costs (negative for profit).
struct MinCostFlow {
    private(set) var head: [Int32]
    private var next: [Int32] = []
    private(set) var to: [Int32] = []
    private(set) var capacity: [Int32] = []
    private var cost: [Int64] = []
    let nodeCount: Int

    init(nodes: Int) {
        nodeCount = nodes
        head = Array(repeating: -1, count: nodes)
    }

    /// Adds an arc and its reverse; returns the arc's id.
    @discardableResult
    mutating func addArc(_ from: Int, _ target: Int, capacity arcCapacity: Int, cost arcCost: Int64) -> Int {
        let id = to.count
        to.append(Int32(target))
        capacity.append(Int32(arcCapacity))
        cost.append(arcCost)
        next.append(head[from])
        head[from] = Int32(id)
        to.append(Int32(from))
        capacity.append(0)
        cost.append(-arcCost)
        next.append(head[target])
        head[target] = Int32(id + 1)
        return id
    }

    /// Flow on an arc (the capacity taken from it).
    func flow(_ arc: Int) -> Int { Int(capacity[arc ^ 1]) }

    /// Sends flow from `source` to `sink` while a path of negative cost exists; returns the total cost (the
    /// negated profit). The network must have no negative-cost cycle; it may have negative arcs.
    mutating func minimizeCost(source: Int, sink: Int) -> Int64 {
        let infinity = Int64.max / 4
        var potential = initialPotentials(source: source)
        var distance = [Int64](repeating: infinity, count: nodeCount)
        var total: Int64 = 0
        var level = [Int32](repeating: -1, count: nodeCount)
        var current = [Int32](repeating: -1, count: nodeCount)
        while true {
            // Dijkstra on reduced costs.
            for index in 0..<nodeCount { distance[index] = infinity }
            distance[source] = 0
            var heap = BinaryHeap()
            heap.push(0, source)
            while let (d, node) = heap.pop() {
                if d > distance[node] { continue }
                // Nodes still in the heap are at least as far as the sink: capping potentials at the sink's
                // distance (below) keeps every reduced cost non-negative, so the search can stop here.
                if node == sink { break }
                var arc = head[node]
                while arc >= 0 {
                    let a = Int(arc)
                    if capacity[a] > 0 {
                        let target = Int(to[a])
                        let candidate = d + cost[a] + potential[node] - potential[target]
                        if candidate < distance[target] {
                            distance[target] = candidate
                            heap.push(candidate, target)
                        }
                    }
                    arc = next[a]
                }
            }
            guard distance[sink] < infinity else { break }
            let reach = distance[sink]
            for index in 0..<nodeCount { potential[index] += min(distance[index], reach) }
            let pathCost = potential[sink] - potential[source]
            guard pathCost < 0 else { break }
            // Blocking flow on arcs with zero reduced cost (Dinic levels inside the admissible graph); the next
            // Dijkstra finds any path of the same cost that this blocking flow did not use.
            var pushedInPhase = false
            for index in 0..<nodeCount { level[index] = -1 }
            level[source] = 0
            var queue = [source]
            var queueHead = 0
            while queueHead < queue.count {
                let node = queue[queueHead]
                queueHead += 1
                if level[node] >= level[sink] && level[sink] >= 0 { break }
                var arc = self.head[node]
                while arc >= 0 {
                    let a = Int(arc)
                    let target = Int(to[a])
                    if capacity[a] > 0 && level[target] < 0 && cost[a] + potential[node] - potential[target] == 0 {
                        level[target] = level[node] + 1
                        queue.append(target)
                    }
                    arc = next[a]
                }
            }
            if level[sink] >= 0 {
                for index in 0..<nodeCount { current[index] = self.head[index] }
                while true {
                    let pushed = augment(source, sink: sink, level: level, current: &current, potential: potential)
                    if pushed == 0 { break }
                    total += Int64(pushed) * pathCost
                    pushedInPhase = true
                }
            }
            if !pushedInPhase { break }
        }
        return total
    }

    /// Finds one path along admissible arcs (level + 1, zero reduced cost) and pushes its bottleneck; iterative,
    /// because residual paths can be thousands of arcs long.
    private mutating func augment(
        _ source: Int, sink: Int, level: [Int32], current: inout [Int32], potential: [Int64]
    ) -> Int32 {
        var path: [Int] = []
        var node = source
        while true {
            if node == sink {
                var bottleneck = Int32.max
                for arc in path { bottleneck = min(bottleneck, capacity[arc]) }
                for arc in path {
                    capacity[arc] -= bottleneck
                    capacity[arc ^ 1] += bottleneck
                }
                return bottleneck
            }
            var advanced = false
            while current[node] >= 0 {
                let a = Int(current[node])
                let target = Int(to[a])
                if capacity[a] > 0 && level[target] == level[node] + 1
                    && cost[a] + potential[node] - potential[target] == 0
                {
                    path.append(a)
                    node = target
                    advanced = true
                    break
                }
                current[node] = next[a]
            }
            if !advanced {
                guard let arc = path.popLast() else { return 0 }
                node = Int(to[arc ^ 1])
                current[node] = next[arc]
            }
        }
    }

    /// Shortest distances from the source by Bellman–Ford (queue-based), so that reduced costs start non-negative.
    private func initialPotentials(source: Int) -> [Int64] {
        let infinity = Int64.max / 4
        var distance = [Int64](repeating: infinity, count: nodeCount)
        var inQueue = [Bool](repeating: false, count: nodeCount)
        distance[source] = 0
        var queue = [source]
        var head = 0
        inQueue[source] = true
        while head < queue.count {
            let node = queue[head]
            head += 1
            inQueue[node] = false
            var arc = self.head[node]
            while arc >= 0 {
                let a = Int(arc)
                if capacity[a] > 0 {
                    let target = Int(to[a])
                    let candidate = distance[node] + cost[a]
                    if candidate < distance[target] {
                        distance[target] = candidate
                        if !inQueue[target] {
                            inQueue[target] = true
                            queue.append(target)
                        }
                    }
                }
                arc = next[a]
            }
            if head > 4_096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        return distance.map { $0 >= infinity ? 0 : $0 }
    }
}

/// A binary min-heap of (key, node) pairs for Dijkstra.
struct BinaryHeap {
    private var keys: [Int64] = []
    private var nodes: [Int] = []

    mutating func push(_ key: Int64, _ node: Int) {
        keys.append(key)
        nodes.append(node)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[parent] > keys[child] else { break }
            keys.swapAt(parent, child)
            nodes.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> (Int64, Int)? {
        guard let firstKey = keys.first, let firstNode = nodes.first else { return nil }
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            nodes[0] = lastNode
            var parent = 0
            while true {
                let left = parent * 2 + 1
                let right = left + 1
                var smallest = parent
                if left < keys.count && keys[left] < keys[smallest] { smallest = left }
                if right < keys.count && keys[right] < keys[smallest] { smallest = right }
                if smallest == parent { break }
                keys.swapAt(parent, smallest)
                nodes.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (firstKey, firstNode)
    }
}
